package org.jailsh.spi

import java.nio.file.Files
import java.nio.file.Path

import spock.lang.Specification
import spock.lang.TempDir

import org.jailsh.store.IocageJson

class StartupResourcesSpec extends Specification {

    @TempDir
    Path tmp

    def cleanup() {
        System.clearProperty(StartupResources.DIR)
    }

    def "a resource is read from the class path, copied by the training run, and read from the copy afterwards"() {
        given: 'a resource that exists next to a class of the dsl jar, and one that does not'
        String name = 'IocageJson.class'

        when:
        byte[] fromJar = StartupResources.read(IocageJson, name)
        byte[] missing = StartupResources.read(IocageJson, 'no-such-resource.txt')
        StartupResources.copyRead(tmp.resolve('resources'))

        then: 'the copy is the resource, named by its whole path; nothing is made for the missing one'
        fromJar != null && fromJar.length > 100
        missing == null
        Files.readAllBytes(tmp.resolve('resources/org%2Fjailsh%2Fstore%2FIocageJson.class')) == fromJar
        !Files.exists(tmp.resolve('resources/org%2Fjailsh%2Fstore%2Fno-such-resource.txt'))

        when: 'with the property set, the copy is what is read'
        Files.write(tmp.resolve('resources/org%2Fjailsh%2Fstore%2FIocageJson.class'), 'copy'.bytes)
        System.setProperty(StartupResources.DIR, tmp.resolve('resources').toString())

        then:
        new String(StartupResources.read(IocageJson, name)) == 'copy'
        StartupResources.read(IocageJson, 'no-such-resource.txt') == null
    }
}
