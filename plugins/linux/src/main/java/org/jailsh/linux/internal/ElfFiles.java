package org.jailsh.linux.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads just enough of an ELF file to tell whether it needs a dynamic loader. */
public final class ElfFiles {

    private static final int PT_INTERP = 3;

    private ElfFiles() {
    }

    /**
     * True for an ELF executable without a PT_INTERP program header: it runs inside a root that has no libc, which is
     * what a busybox release needs. False for anything else, including unreadable files.
     */
    public static boolean isStatic(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = read(channel, 0, 64);
            if (header.getInt(0) != 0x7f454c46) {
                return false;
            }
            boolean wide = header.get(4) == 2;
            header.order(header.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            long tableOffset = wide ? header.getLong(0x20) : Integer.toUnsignedLong(header.getInt(0x1c));
            int entrySize = Short.toUnsignedInt(header.getShort(wide ? 0x36 : 0x2a));
            int entries = Short.toUnsignedInt(header.getShort(wide ? 0x38 : 0x2c));
            if (entrySize < 4 || entries == 0) {
                return false;
            }
            ByteBuffer table = read(channel, tableOffset, entrySize * entries).order(header.order());
            for (int i = 0; i < entries; i++) {
                if (table.getInt(i * entrySize) == PT_INTERP) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        int n = 0;
        while (buffer.hasRemaining() && n >= 0) {
            n = channel.read(buffer, position + buffer.position());
        }
        if (buffer.hasRemaining()) {
            throw new IOException("short ELF file");
        }
        return buffer.flip();
    }
}
