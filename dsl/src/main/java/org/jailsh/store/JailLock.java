package org.jailsh.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.jailsh.spi.JailshException;

/**
 * One jail's lock, across processes (an OS file lock) and threads (a lock per name). The holder writes who it is
 * into the lock file, so a waiting process can say who holds it.
 */
public final class JailLock implements AutoCloseable {

    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final Map<Path, String> HOLDERS = new ConcurrentHashMap<>();

    private final Path key;
    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private JailLock(Path key, ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.key = key;
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /**
     * Lock files are never deleted (a process may have one open, about to lock it), and a holder never opens its own
     * lock file a second time: closing any descriptor of a file drops the process's POSIX locks on it.
     */
    public static JailLock acquire(Path lockFile, String holder, long timeoutMillis) {
        Path key = lockFile.toAbsolutePath();
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(key, p -> new ReentrantLock());
        try {
            if (!threadLock.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw busy(lockFile, HOLDERS.getOrDefault(key, "another operation") + " (this process)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JailshException("interrupted while waiting for the lock " + lockFile);
        }
        if (threadLock.getHoldCount() > 1) {
            return new JailLock(key, threadLock, null, null);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(lockFile.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            FileLock lock;
            while ((lock = tryLock(channel)) == null) {
                if (System.nanoTime() > deadline) {
                    throw busy(lockFile, Files.readString(lockFile).strip());
                }
                Thread.sleep(20);
            }
            channel.truncate(0);
            String who = "pid " + ProcessHandle.current().pid() + ": " + holder;
            channel.write(ByteBuffer.wrap((who + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            HOLDERS.put(key, who);
            return new JailLock(key, threadLock, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            threadLock.unlock();
            throw new UncheckedIOException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            threadLock.unlock();
            Thread.currentThread().interrupt();
            throw new JailshException("interrupted while waiting for the lock " + lockFile);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            threadLock.unlock();
            throw e;
        }
    }

    private static String readHolder(Path lockFile) {
        try {
            return Files.readString(lockFile).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Who holds the lock now ("pid 123: jailsh set web"), or empty when nobody does: a file left by a killed process
     * is not held, whatever it says. Only reads; never creates the file.
     */
    public static java.util.Optional<String> holder(Path lockFile) {
        Path key = lockFile.toAbsolutePath();
        ReentrantLock threadLock = IN_PROCESS.get(key);
        if (threadLock != null && threadLock.isLocked()) {
            return java.util.Optional.of(HOLDERS.getOrDefault(key, "this process"));
        }
        if (!Files.isRegularFile(lockFile)) {
            return java.util.Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                return java.util.Optional.of(readHolder(lockFile));
            }
            lock.release();
            return java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static JailshException busy(Path lockFile, String holder) {
        String name = lockFile.getFileName().toString().replaceFirst("\\.lock$", "");
        return new JailshException(name + " is locked by " + (holder.isBlank() ? "another process" : holder),
                "wait for that operation to finish, then try again");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    @Override
    public void close() {
        try {
            if (fileLock != null) {
                HOLDERS.remove(key);
                channel.truncate(0);
                fileLock.release();
                channel.close();
            }
        } catch (IOException ignored) {
            // the OS drops the lock with the descriptor anyway
        } finally {
            threadLock.unlock();
        }
    }
}
