package org.jailsh.recipe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;

/**
 * What a recipe declares, read from its source without running it: the {@code param} statements at its top level and
 * every {@code include 'NAME', key: …} with a literal name. That is how a missing or unknown parameter and an include
 * cycle are refused before anything changes.
 */
public record RecipeDeclarations(List<RecipeParam> params, List<Include> includes) {

    /** An {@code include} with a literal name; {@code keys} are the literal parameter names passed. */
    public record Include(String name, Set<String> keys, int line) {
    }

    /**
     * Read once per recipe content for the JVM's life, as {@link RecipeCompiler} keeps compiled recipes: parsing the
     * source was most of a re-run that changes nothing (bench/RESULTS.md, recipe re-run).
     */
    private static final Map<String, RecipeDeclarations> READ = new ConcurrentHashMap<>();

    public static RecipeDeclarations of(Recipe recipe) {
        // a recipe that does not parse throws from parse and is not kept
        return READ.computeIfAbsent(recipe.scriptName() + "@" + recipe.sha256(), key -> parse(recipe));
    }

    private static RecipeDeclarations parse(Recipe recipe) {
        CompilationUnit unit = new CompilationUnit();
        unit.addSource(recipe.scriptName(), recipe.script());
        try {
            unit.compile(Phases.CONVERSION);
        } catch (CompilationFailedException e) {
            throw RecipeCompiler.failure(recipe, e);
        }
        Map<String, RecipeParam> params = new LinkedHashMap<>();
        List<Include> includes = new ArrayList<>();
        for (ModuleNode module : unit.getAST().getModules()) {
            for (Statement statement : module.getStatementBlock().getStatements()) {
                MethodCallExpression call = topLevelCall(statement);
                if (call != null && call.getMethodAsString() != null && call.getMethodAsString().equals("param")) {
                    RecipeParam param = param(call);
                    if (param != null) {
                        params.put(param.name(), param);
                    }
                }
            }
            module.getStatementBlock().visit(new CodeVisitorSupport() {
                @Override
                public void visitMethodCallExpression(MethodCallExpression call) {
                    if (call.isImplicitThis() && "include".equals(call.getMethodAsString())) {
                        Include include = include(call);
                        if (include != null) {
                            includes.add(include);
                        }
                    }
                    super.visitMethodCallExpression(call);
                }
            });
        }
        return new RecipeDeclarations(List.copyOf(params.values()), List.copyOf(includes));
    }

    public List<String> paramNames() {
        return params.stream().map(RecipeParam::name).toList();
    }

    private static MethodCallExpression topLevelCall(Statement statement) {
        if (!(statement instanceof ExpressionStatement es)) {
            return null;
        }
        Expression e = es.getExpression();
        if (e instanceof DeclarationExpression d) {
            e = d.getRightExpression();
        }
        return e instanceof MethodCallExpression call && call.isImplicitThis() ? call : null;
    }

    private static RecipeParam param(MethodCallExpression call) {
        Map<String, Expression> named = new LinkedHashMap<>();
        String name = null;
        for (Expression arg : arguments(call)) {
            if (arg instanceof MapExpression map) {
                for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                    if (entry.getKeyExpression() instanceof ConstantExpression key) {
                        named.put(String.valueOf(key.getValue()), entry.getValueExpression());
                    }
                }
            } else if (arg instanceof ConstantExpression c && c.getValue() instanceof String s && name == null) {
                name = s;
            }
        }
        if (name == null) {
            return null;
        }
        Expression def = named.get("default");
        Object value = def == null ? null : literal(def);
        boolean computed = def != null && value == NOT_LITERAL;
        return new RecipeParam(name, def != null, computed ? null : value, computed,
                Boolean.TRUE.equals(literal(named.get("required"))), Boolean.TRUE.equals(literal(named.get("secret"))),
                named.get("description") instanceof ConstantExpression d ? String.valueOf(d.getValue()) : "");
    }

    private static Include include(MethodCallExpression call) {
        String name = null;
        Set<String> keys = new LinkedHashSet<>();
        for (Expression arg : arguments(call)) {
            if (arg instanceof MapExpression map) {
                for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                    if (entry.getKeyExpression() instanceof ConstantExpression key) {
                        keys.add(String.valueOf(key.getValue()));
                    }
                }
            } else if (arg instanceof ConstantExpression c && c.getValue() instanceof String s && name == null) {
                name = s;
            }
        }
        return name == null ? null : new Include(name, keys, call.getLineNumber());
    }

    private static List<Expression> arguments(MethodCallExpression call) {
        return call.getArguments() instanceof TupleExpression tuple ? tuple.getExpressions() : List.of();
    }

    private static final Object NOT_LITERAL = new Object();

    /** A constant, or a list of constants, as its value; anything else is {@link #NOT_LITERAL}. */
    private static Object literal(Expression e) {
        if (e == null) {
            return null;
        }
        if (e instanceof ConstantExpression c) {
            return c.getValue();
        }
        if (e instanceof ListExpression list) {
            List<Object> values = new ArrayList<>();
            for (Expression item : list.getExpressions()) {
                Object v = literal(item);
                if (v == NOT_LITERAL) {
                    return NOT_LITERAL;
                }
                values.add(v);
            }
            return java.util.Collections.unmodifiableList(values);
        }
        return NOT_LITERAL;
    }
}
