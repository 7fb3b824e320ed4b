package org.jailsh.spi.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Whole-file writes that a crash cannot leave half done: temporary file in the same directory, fsync, rename. */
public final class AtomicFiles {

    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));

    private AtomicFiles() {
    }

    public static void write(Path target, String content) {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path target, byte[] content) {
        write(target, content, true);
    }

    /** @param durable fsync the file and its directory; without, a crash of the host may lose the write (not tear it) */
    public static void write(Path target, byte[] content, boolean durable) {
        write(target, content, durable, null);
    }

    /**
     * @param mode the file's permissions, set before it takes the target's name, so nobody ever sees it there with
     *             others (null: owner read-write, others read)
     */
    public static void write(Path target, byte[] content, boolean durable, Set<PosixFilePermission> mode) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = createTemp(dir, target.getFileName().toString());
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (durable) {
                    channel.force(true);
                }
            }
            if (mode == null) {
                temp.toFile().setReadable(true, false);
            } else {
                Files.setPosixFilePermissions(temp, mode);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            if (durable) {
                syncDirectory(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the original error matters more than a leftover temporary file
                }
            }
        }
    }

    /**
     * {@code .NAME.PID.N.tmp}, created new (never an existing file or a link), owner-only like Files.createTempFile.
     * Not Files.createTempFile itself: its random names seed SecureRandom, a tenth of a one-shot start's time.
     */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + name + "." + PID + "." + Long.toHexString(System.nanoTime() + COUNTER
                    .incrementAndGet()) + ".tmp");
            try {
                Files.createFile(temp, OWNER_ONLY);
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    /** Makes the rename itself durable; not every file system allows opening a directory, which is fine. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
