package org.jailsh.store

import java.nio.channels.FileChannel
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardOpenOption
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit

import org.jailsh.spi.JailshException
import spock.lang.Specification
import spock.lang.TempDir
import spock.lang.Timeout

@Timeout(10)
class JailLockSpec extends Specification {

    @TempDir
    Path tmp

    def "the holder writes who it is into the lock file and clears it on release"() {
        given:
        Path file = tmp.resolve('locks/web.lock')

        when:
        def lock = JailLock.acquire(file, 'jailsh set web', 500)

        then:
        Files.readString(file) == "pid ${ProcessHandle.current().pid()}: jailsh set web\n"

        when:
        lock.close()

        then:
        Files.readString(file) == ''
    }

    def "a second acquire from another thread times out, naming the jail and the holder"() {
        given:
        Path file = tmp.resolve('locks/web.lock')
        def held = JailLock.acquire(file, 'jailsh set web', 500)

        when:
        def attempt = CompletableFuture.supplyAsync { JailLock.acquire(file, 'jailsh destroy web', 100) }
        attempt.get(5, TimeUnit.SECONDS)

        then:
        def e = thrown(java.util.concurrent.ExecutionException)
        e.cause instanceof JailshException
        e.cause.message.startsWith('web is locked by ')
        e.cause.message.contains('jailsh set web')
        e.cause.hint() == 'wait for that operation to finish, then try again'

        cleanup:
        held?.close()
    }

    def "a lock held by another process (an OS file lock) times out with that holder's own words"() {
        given: 'another process holds the OS lock and wrote who it is'
        Path file = tmp.resolve('locks/db.lock')
        Files.createDirectories(file.parent)
        Files.writeString(file, 'pid 777: jailsh start db\n')
        def channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
        def osLock = channel.lock()

        when:
        long started = System.nanoTime()
        JailLock.acquire(file, 'jailsh stop db', 150)

        then:
        JailshException e = thrown()
        e.message == 'db is locked by pid 777: jailsh start db'
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) >= 150

        cleanup:
        osLock?.release()
        channel?.close()
    }

    def "once released, another thread gets the lock"() {
        given:
        Path file = tmp.resolve('locks/web.lock')
        JailLock.acquire(file, 'first', 500).close()

        when: 'a lock is released by the thread that took it (ReentrantLock), so the other thread closes its own'
        def holder = CompletableFuture.supplyAsync {
            def second = JailLock.acquire(file, 'second', 500)
            try { Files.readString(file) } finally { second.close() }
        }.get(5, TimeUnit.SECONDS)

        then:
        holder.contains('second')
    }

    def "the same thread may take the lock again (a verb inside a verb) without deadlocking"() {
        given:
        Path file = tmp.resolve('locks/web.lock')
        def outer = JailLock.acquire(file, 'outer', 200)

        when:
        def inner = JailLock.acquire(file, 'inner', 200)
        inner.close()

        then: 'the outer holder is still recorded and still holds it'
        Files.readString(file).contains('outer')
        def other = CompletableFuture.supplyAsync {
            try { JailLock.acquire(file, 'other', 50).close(); 'got it' } catch (JailshException e) { 'busy' }
        }.get(5, TimeUnit.SECONDS)
        other == 'busy'

        cleanup:
        outer?.close()
    }

    def "JailStore locks live under .jailsh/locks, apart from iocage's files"() {
        given:
        def store = new JailStore(new IocRoot(tmp), org.jailsh.spi.Reporter.SILENT)

        when:
        def lock = store.lock('web', 'jailsh spec')

        then:
        Files.exists(tmp.resolve('.jailsh/locks/web.lock'))

        cleanup:
        lock?.close()
    }
}
