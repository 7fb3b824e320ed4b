package org.jailsh.store

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path

import spock.lang.Specification
import spock.lang.TempDir

class IocageJsonSpec extends Specification {

    @TempDir
    Path tmp

    def "formats exactly as iocage's json.dump(sort_keys=True, indent=4)"() {
        given: 'keys in no particular order, an uppercase key, ints for flags, a null hostid and non-ASCII text'
        Map<String, Object> values = new LinkedHashMap<>()
        values.vnet = 1
        values.notes = 'café – ünïcode'
        values.hostid = null
        values.host_hostname = 'web'
        values.allow_raw_sockets = 0
        values.CONFIG_VERSION = '29'
        values.ip4_addr = 'vnet0|192.168.1.10/24'
        values.priority = '99'

        expect: 'uppercase sorts before lowercase, "host_" before "hosti", strings stay strings, no trailing newline'
        IocageJson.format(values) == '''{
    "CONFIG_VERSION": "29",
    "allow_raw_sockets": 0,
    "host_hostname": "web",
    "hostid": null,
    "ip4_addr": "vnet0|192.168.1.10/24",
    "notes": "café – ünïcode",
    "priority": "99",
    "vnet": 1
}'''
    }

    def "writes those exact bytes to disk, UTF-8, ending in the closing brace"() {
        given:
        Path file = tmp.resolve('config.json')

        when:
        IocageJson.write(file, [b: 'x', a: 1])

        then:
        new String(Files.readAllBytes(file), StandardCharsets.UTF_8) == '{\n    "a": 1,\n    "b": "x"\n}'
        Files.readAllBytes(file)[-1] == ('}' as char) as byte
    }

    def "escapes quotes, backslashes and control characters the way Python's json does"() {
        expect:
        IocageJson.format([notes: 'say "hi"\\ok\n']) == '{\n    "notes": "say \\"hi\\"\\\\ok\\n"\n}'
    }

    def "reading gives back what was written, with ints, strings and nulls intact"() {
        given:
        Path file = tmp.resolve('config.json')
        Map<String, Object> values = [vnet: 1, priority: '99', hostid: null, notes: 'café']
        IocageJson.write(file, values)

        when:
        def read = IocageJson.read(file)

        then:
        read == values
        read.vnet instanceof Integer
        read.priority instanceof String
        read.containsKey('hostid') && read.hostid == null
    }

    def "nested values keep their JSON types: big ints, decimals, booleans, lists and objects, the last duplicate wins"() {
        given:
        Path file = tmp.resolve('config.json')
        Files.writeString(file, '''{"big": 12345678901, "huge": 123456789012345678901234567890, "ratio": 0.5,
            "on": true, "off": false, "list": [1, "a", null, [2]], "nested": {"k": {"x": 1}}, "dup": 1, "dup": 2}''')

        when:
        def read = IocageJson.read(file)

        then:
        read.big instanceof Long && read.big == 12345678901L
        read.huge instanceof BigInteger
        read.ratio instanceof Double && read.ratio == 0.5d
        read.on == true && read.off == false
        read.list == [1, 'a', null, [2]]
        read.nested == [k: [x: 1]]
        read.dup == 2
        read.keySet().toList() == ['big', 'huge', 'ratio', 'on', 'off', 'list', 'nested', 'dup']
    }

    def "a file that is not a JSON object is corrupt, and the message says why"() {
        given:
        Path file = tmp.resolve('config.json')
        Files.writeString(file, content)

        when:
        IocageJson.read(file)

        then:
        CorruptFileException e = thrown()
        e.file() == file
        e.message.startsWith(file.toString() + ' is corrupt: ')
        e.message.contains(why)

        where:
        content             | why
        ''                  | 'empty'
        '   \n'             | 'empty'
        '{"vnet": 1,'       | 'invalid JSON at line 1'
        '["vnet"]'          | 'not a JSON object'
        '"just a string"'   | 'not a JSON object'
        '{\n  "a": 1\n  "b"}' | 'invalid JSON at line 3'
        '{"a": [1, 2'       | 'invalid JSON at line 1'
        '{"a": {"b": 1}'    | 'invalid JSON at line 1'
    }

    def "trailing garbage after the object is corrupt, as Python's json.load would say ('Extra data')"() {
        given:
        Path file = tmp.resolve('config.json')
        Files.writeString(file, '{"vnet": 1} {"vnet": 0}')

        when:
        IocageJson.read(file)

        then:
        thrown(CorruptFileException)
    }

    def "a config larger than MAX_BYTES is refused without reading it into memory"() {
        given:
        Path file = tmp.resolve('config.json')
        Files.write(file, new byte[(int) IocageJson.MAX_BYTES + 1])

        when:
        IocageJson.read(file)

        then:
        CorruptFileException e = thrown()
        e.message.contains('more than a config can be')
    }

    def "the generator writes configs byte for byte as databind did: #values"() {
        given:
        def databind = new com.fasterxml.jackson.databind.ObjectMapper().writer(IocageJson.printer())

        expect:
        IocageJson.format(values) == databind.writeValueAsString(new TreeMap(values))

        where:
        values << [
                [:],
                [host_hostname: 'web', vnet: 0, priority: 99, hostid: null, notes: 'a "quoted"\\ \u00e9\u4e2d \u0001 tab\t'],
                [big: 12345678901234567890G, long: 1L << 40, ratio: 0.5d, flag: true, off: false],
                [list: ['a', 1, null, [x: 1]], nested: [b: [1, 2], a: 'z']],
                [z: '', a: '/slashes/ stay', m: 'line\nbreak'],
        ]
    }
}
