package org.jailsh.recipes

import java.nio.file.Files
import java.nio.file.Path

import org.codehaus.groovy.control.CompilerConfiguration
import org.jailsh.recipe.Recipe
import org.jailsh.recipe.RecipeCatalog
import org.jailsh.recipe.RecipeDeclarations
import org.jailsh.recipe.RecipeOrigin
import org.jailsh.recipe.RecipeScript
import spock.lang.Specification

/** Every bundled recipe: found as bundled, compiles, documents its parameters, and has a page in docs/recipes. */
class BundledRecipesSpec extends Specification {

    static List<Recipe> bundled() {
        RecipeCatalog.discover([BundledRecipesSpec.classLoader], Path.of('/nonexistent/user'),
                Path.of('/nonexistent/project')).recipes()
    }

    def "the bundled recipes are the three the issue asks for, found as bundled"() {
        expect:
        bundled()*.name() == ['media-share', 'ssh-jail', 'template-jail']
        bundled().every { it.origin() == RecipeOrigin.BUNDLED }
    }

    def "#recipe.name compiles as a recipe script"() {
        given:
        def config = new CompilerConfiguration()
        config.scriptBaseClass = RecipeScript.name

        expect:
        new GroovyClassLoader(getClass().classLoader, config).parseClass(recipe.script(), recipe.scriptName())

        where:
        recipe << bundled()
    }

    def "#recipe.name describes every parameter, in its README too"() {
        given:
        def params = RecipeDeclarations.of(recipe).params()

        expect:
        !params.isEmpty()
        params.every { !it.description().isBlank() }
        recipe.readme().startsWith("# ${recipe.name()}\n")
        params.every { recipe.readme().contains("`${it.name()}`") }

        where:
        recipe << bundled()
    }

    def "#recipe.name has a page in docs/recipes with an example that runs"() {
        given:
        Path page = docs().resolve("recipes/${recipe.name()}.md")

        expect:
        Files.isRegularFile(page)
        Files.readString(page).contains('```jailsh')

        where:
        recipe << bundled()
    }

    static Path docs() {
        Path dir = Path.of('').toAbsolutePath()
        while (dir != null && !Files.isDirectory(dir.resolve('docs/recipes'))) {
            dir = dir.parent
        }
        assert dir != null: 'no docs/recipes above ' + Path.of('').toAbsolutePath()
        dir.resolve('docs')
    }
}
