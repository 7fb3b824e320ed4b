package org.jailsh.linux

import java.nio.charset.StandardCharsets
import java.util.zip.GZIPOutputStream

/**
 * Writes ustar archives in memory, for members no spec may create on disk: names with '..' or a leading '/', links
 * to host paths. Nothing here touches the file system, so no symlink to a host path ever exists outside an archive.
 */
class TarBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream()

    TarBuilder dir(String name, int mode = 0755) {
        header(name, '5', mode, 0, '')
    }

    TarBuilder file(String name, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8)
        header(name, '0', 0644, data.length, '')
        out.write(data)
        out.write(new byte[(512 - data.length % 512) % 512])
        this
    }

    TarBuilder symlink(String name, String target) {
        header(name, '2', 0777, 0, target)
    }

    TarBuilder hardlink(String name, String target) {
        header(name, '1', 0644, 0, target)
    }

    TarBuilder charDevice(String name, int major, int minor) {
        header(name, '3', 0666, 0, '', major, minor)
    }

    TarBuilder blockDevice(String name, int major, int minor) {
        header(name, '4', 0660, 0, '', major, minor)
    }

    TarBuilder fifo(String name) {
        header(name, '6', 0644, 0, '')
    }

    byte[] tar() {
        ByteArrayOutputStream all = new ByteArrayOutputStream()
        all.write(out.toByteArray())
        all.write(new byte[1024])
        all.toByteArray()
    }

    byte[] tarGz() {
        ByteArrayOutputStream gz = new ByteArrayOutputStream()
        new GZIPOutputStream(gz).withCloseable { it.write(tar()) }
        gz.toByteArray()
    }

    private TarBuilder header(String name, String type, int mode, long size, String link, int major = 0,
                              int minor = 0) {
        byte[] h = new byte[512]
        put(h, 0, 100, name)
        put(h, 100, 8, octal(mode, 7))
        put(h, 108, 8, octal(0, 7))
        put(h, 116, 8, octal(0, 7))
        put(h, 124, 12, octal(size, 11))
        put(h, 136, 12, octal(1700000000, 11))
        h[156] = type as char as byte
        put(h, 157, 100, link)
        put(h, 257, 6, 'ustar')
        put(h, 263, 2, '00')
        put(h, 265, 32, 'root')
        put(h, 297, 32, 'root')
        put(h, 329, 8, octal(major, 7))
        put(h, 337, 8, octal(minor, 7))
        Arrays.fill(h, 148, 156, (byte) 0x20)
        long sum = h.collect { it & 0xff }.sum() as long
        put(h, 148, 8, octal(sum, 6) + '\u0000 ')
        out.write(h)
        this
    }

    private static String octal(long value, int digits) {
        Long.toOctalString(value).padLeft(digits, '0')
    }

    private static void put(byte[] h, int at, int length, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8)
        assert bytes.length <= length: "$text does not fit in $length bytes"
        System.arraycopy(bytes, 0, h, at, bytes.length)
    }
}
