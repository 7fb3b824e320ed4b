package org.jailsh.recipe

import java.nio.file.Files
import java.nio.file.Path
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream

import org.jailsh.spi.NotFoundException
import org.jailsh.spi.ValidationException
import org.jailsh.testkit.TempTrees
import spock.lang.Specification
import spock.lang.TempDir

/** Finding recipes (and which one a name means), reading their declarations, and refusing bad input up front. */
class RecipeLoaderSpec extends Specification {

    @TempDir
    Path tmp

    def cleanup() {
        TempTrees.remove(tmp)
    }

    static final String SCRIPT = "param 'name', default: 'web'\n"

    Path dir(String where, String name, String script = SCRIPT, Map<String, String> more = [:]) {
        Path recipe = tmp.resolve(where).resolve(name)
        Files.createDirectories(recipe)
        Files.writeString(recipe.resolve('recipe.groovy'), script)
        Files.writeString(recipe.resolve('README.md'), "# ${name} from ${where}\n")
        more.each { file, text ->
            Files.createDirectories(recipe.resolve(file).parent)
            Files.writeString(recipe.resolve(file), text)
        }
        recipe
    }

    /** A jar with recipes/NAME/recipe.groovy for each name, marked bundled or not. */
    Path jar(String file, boolean bundled, List<String> names) {
        Path path = tmp.resolve(file)
        new JarOutputStream(Files.newOutputStream(path)).withCloseable { out ->
            if (bundled) {
                out.putNextEntry(new JarEntry('META-INF/jailsh/bundled-recipes'))
                out.write('#\n'.bytes)
            }
            out.putNextEntry(new JarEntry('recipes/'))
            names.each { name ->
                out.putNextEntry(new JarEntry("recipes/${name}/"))
                out.putNextEntry(new JarEntry("recipes/${name}/recipe.groovy"))
                out.write("param 'from', default: '${file}'\n".bytes)
                out.putNextEntry(new JarEntry("recipes/${name}/README.md"))
                out.write("# ${name}\n".bytes)
            }
        }
        path
    }

    RecipeCatalog discover() {
        def loader = new URLClassLoader([jar('bundled.jar', true, ['ssh-jail', 'web']).toUri().toURL(),
                                         jar('plugin.jar', false, ['web', 'db']).toUri().toURL()] as URL[], null)
        RecipeCatalog.discover([loader], tmp.resolve('user'), tmp.resolve('project'))
    }

    def "a later origin wins: bundled, then plugin jars, then the user's directory, then the project's"() {
        given:
        dir('user', 'web')
        dir('user', 'mine')
        dir('project', 'web')

        when:
        def catalog = discover()

        then:
        catalog.recipes()*.name() == ['db', 'mine', 'ssh-jail', 'web']
        catalog.require('ssh-jail').origin() == RecipeOrigin.BUNDLED
        catalog.require('db').origin() == RecipeOrigin.PLUGIN
        catalog.require('mine').origin() == RecipeOrigin.USER
        catalog.require('web').origin() == RecipeOrigin.PROJECT
        catalog.candidates('web')*.origin() == [RecipeOrigin.BUNDLED, RecipeOrigin.PLUGIN, RecipeOrigin.USER,
                                                RecipeOrigin.PROJECT]
    }

    def "a recipe in a jar is read whole, with where it came from"() {
        when:
        def recipe = discover().require('ssh-jail')

        then:
        recipe.script() == "param 'from', default: 'bundled.jar'\n"
        recipe.readme() == '# ssh-jail\n'
        recipe.location().endsWith('bundled.jar!/recipes/ssh-jail')
    }

    def "a directory without recipe.groovy, or with a name no recipe may have, is not a recipe"() {
        given:
        Files.createDirectories(tmp.resolve('user/notes'))
        Files.writeString(tmp.resolve('user/notes/README.md'), 'no script here')
        dir('user', '.hidden')

        expect:
        RecipeCatalog.discover([], tmp.resolve('user'), tmp.resolve('project')).recipes().isEmpty()
    }

    def "an unknown name fails with the nearest recipes"() {
        when:
        discover().require('ssh_jail')

        then:
        NotFoundException e = thrown()
        e.message == 'no recipe named ssh_jail'
        e.hint() == 'did you mean ssh-jail?'
    }

    def "the hash covers every file, so a changed template changes what a jail records"() {
        given:
        def a = new Recipe('web', RecipeOrigin.USER, 'x', ['recipe.groovy': SCRIPT, 'motd': 'hello'])
        def b = new Recipe('web', RecipeOrigin.PROJECT, 'y', ['recipe.groovy': SCRIPT, 'motd': 'hello'])
        def c = new Recipe('web', RecipeOrigin.USER, 'x', ['recipe.groovy': SCRIPT, 'motd': 'hello!'])

        expect:
        a.sha256() == b.sha256()
        a.sha256() != c.sha256()
        a.ref() ==~ /web@sha256:[0-9a-f]{64}/
    }

    def "parameters are read from the source without running it"() {
        given:
        def recipe = new Recipe('ssh', RecipeOrigin.USER, 'x', ['recipe.groovy': '''
            param 'name', description: 'jail to configure', required: true
            param 'user', default: 'jailuser'
            param 'password', secret: true, required: true
            param 'port', default: 22
            param 'groups', default: ['wheel', 'operator']
            def computed = param 'home', default: "/home/${user}"
            include 'base', jail: name
            if (port != 22) { include 'firewall', port: port }
        '''])

        when:
        def d = RecipeDeclarations.of(recipe)

        then:
        d.paramNames() == ['name', 'user', 'password', 'port', 'groups', 'home']
        with(d.params()[0]) { required() && !hasDefault() && description() == 'jail to configure' }
        d.params()[1].defaultValue() == 'jailuser'
        d.params()[2].secret()
        d.params()[3].defaultValue() == 22
        d.params()[4].defaultValue() == ['wheel', 'operator']
        d.params()[5].computed() && d.params()[5].shownDefault() == '(computed)'
        d.includes()*.name() == ['base', 'firewall']
        d.includes()[0].keys() == ['jail'] as Set
        d.params()*.summary() == ['name*', 'user=jailuser', 'password* (secret)', 'port=22', 'groups=wheel,operator',
                                  'home=(computed)']
    }

    RecipeCatalog catalog

    RecipeParams checks(Map<String, String> scripts) {
        catalog = new RecipeCatalog(scripts.collect { name, text ->
            new Recipe(name, RecipeOrigin.USER, "/recipes/${name}", ['recipe.groovy': text])
        })
        new RecipeParams(catalog, new RecipeCompiler())
    }

    def "an include cycle is refused before anything runs, naming the cycle"() {
        given:
        def params = checks(a: "include 'b'\n", b: "println 'b'\ninclude 'c'\n", c: "include 'a'\n")

        when:
        params.validate(new Recipe('a', RecipeOrigin.USER, '/recipes/a', ['recipe.groovy': "include 'b'\n"]), [:])

        then:
        ValidationException e = thrown()
        e.message == 'include cycle: a -> b -> c -> a'
        e.hint() == 'remove the include of a at c/recipe.groovy:1'
    }

    def "a recipe that includes itself is a cycle too"() {
        given:
        def params = checks(a: "include 'a'\n")

        when:
        params.validate(new Recipe('a', RecipeOrigin.USER, '/recipes/a', ['recipe.groovy': "include 'a'\n"]), [:])

        then:
        ValidationException e = thrown()
        e.message == 'include cycle: a -> a'
    }

    def "#problem is refused before anything changes"() {
        given:
        def params = checks(ssh: "param 'name', required: true\nparam 'password', secret: true, required: true\n" +
                "param 'user', default: 'jailuser'\n", base: "param 'jail', required: true\n",
                uses: "include 'base', jial: 'x'\n", missing: "include 'base'\n", nowhere: "include 'nope'\n")

        when:
        params.validate(catalog.require(top), given)

        then:
        ValidationException e = thrown()
        e.message == message
        e.hint() == hint

        where:
        problem                            | top       | given                                  || message                                                                   | hint
        'a missing required parameter'     | 'ssh'     | [name: 'web']                          || 'recipe ssh needs the parameter password'                                 | "give it: run ssh --param password=… (or password: … in recipe 'ssh', …)"
        'an unknown parameter'             | 'ssh'     | [name: 'web', password: 'x', usr: 'a'] || "recipe ssh has no parameter 'usr'"                                       | 'did you mean user?'
        'an unknown parameter, far off'    | 'ssh'     | [name: 'web', password: 'x', zzz: 1]   || "recipe ssh has no parameter 'zzz'"                                       | 'its parameters: name, password, user'
        'an include with an unknown key'   | 'uses'    | [:]                                    || "recipe base has no parameter 'jial'"                                     | 'did you mean jail?'
        'an include without a required one'| 'missing' | [:]                                    || 'recipe missing includes base without its required parameter jail'       | "pass it: include 'base', jail: … (missing/recipe.groovy:1)"
        'an include of nothing'            | 'nowhere' | [:]                                    || "recipe nowhere includes 'nope' (nowhere/recipe.groovy:1), which is not a recipe" | "see 'recipes' for the recipes there are"
    }

    def "a recipe that does not compile is reported as file:line with the line, not a stack trace"() {
        given:
        def recipe = new Recipe('broken', RecipeOrigin.USER, '/recipes/broken',
                ['recipe.groovy': "param 'name', default: 'web'\njail(name) {\n    release 'busybox'\n]\n"])

        when:
        checks([:]).validate(recipe, [:])

        then:
        ValidationException e = thrown()
        e.message.startsWith('recipe broken does not compile: broken/recipe.groovy:4: ')
        e.hint() == 'the line is: ]'
    }

    def "template files render only known parameters; other dollars stay"() {
        expect:
        Templates.render('Port ${port}\nhome=${HOME} cost=$5 \\${port}\n', [port: 2222]) ==
                'Port 2222\nhome=${HOME} cost=$5 ${port}\n'
    }
}
