package io.shotload.ci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;

/**
 * The Jenkinsfile parsed into Groovy's syntax tree, with the few look-ups its test needs. A declarative
 * {@code pipeline { }} is plain Groovy: nested method calls whose last argument is a closure.
 */
final class JenkinsfileAst {

    static final Path JENKINSFILE = Path.of("Jenkinsfile");

    private JenkinsfileAst() {}

    /** Parses the Jenkinsfile up to the conversion phase, which builds the syntax tree and resolves nothing. */
    static ModuleNode parse() throws IOException {
        CompilationUnit unit = new CompilationUnit();
        unit.addSource(JENKINSFILE.toString(), Files.readString(JENKINSFILE));
        unit.compile(Phases.CONVERSION);
        return unit.getAST().getModules().get(0);
    }

    /** Returns the top-level call with this name, such as {@code pipeline}. */
    static MethodCallExpression topLevelCall(ModuleNode module, String name) {
        return directCalls(module.getStatementBlock(), name).stream()
                .findFirst()
                .orElseThrow(() -> new AssertionError("No top-level " + name + " { } in the Jenkinsfile"));
    }

    /** Returns the call with this name among the statements directly inside a call's closure. */
    static MethodCallExpression child(MethodCallExpression parent, String name) {
        return directCalls(closureOf(parent).getCode(), name).stream()
                .findFirst()
                .orElseThrow(() -> new AssertionError("No " + name + " directly inside " + parent.getMethodAsString()));
    }

    /** Returns the names of the calls directly inside a call's closure, in source order. */
    static List<String> childNames(MethodCallExpression parent) {
        List<String> names = new ArrayList<>();
        for (Statement statement : statementsOf(closureOf(parent).getCode())) {
            methodCall(statement).ifPresent(call -> names.add(call.getMethodAsString()));
        }
        return names;
    }

    /** Returns the calls with this name directly inside a call's closure, in source order. */
    static List<MethodCallExpression> children(MethodCallExpression parent, String name) {
        return directCalls(closureOf(parent).getCode(), name);
    }

    /** Returns the names of all calls anywhere below a node, such as steps inside {@code script { }}. */
    static List<String> nestedCallNames(Expression root) {
        List<String> names = new ArrayList<>();
        root.visit(new CodeVisitorSupport() {
            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                names.add(call.getMethodAsString());
                super.visitMethodCallExpression(call);
            }
        });
        return names;
    }

    /** Returns the first call with this name anywhere below a node, such as a step inside {@code script { }}. */
    static MethodCallExpression nestedCall(Expression root, String name) {
        List<MethodCallExpression> found = new ArrayList<>();
        root.visit(new CodeVisitorSupport() {
            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                if (found.isEmpty() && name.equals(call.getMethodAsString())) {
                    found.add(call);
                }
                super.visitMethodCallExpression(call);
            }
        });
        if (found.isEmpty()) {
            throw new AssertionError("No call " + name + " below " + root.getText());
        }
        return found.get(0);
    }

    /** Returns the source text of a named argument's value, such as {@code env.JOB_NAME}, whatever its kind. */
    static Optional<String> namedArgumentText(MethodCallExpression call, String name) {
        for (Expression argument : argumentsOf(call)) {
            if (argument instanceof MapExpression map) {
                for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                    if (entry.getKeyExpression() instanceof ConstantExpression key && name.equals(key.getValue())) {
                        return Optional.of(entry.getValueExpression().getText());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Returns every string literal and the literal parts of every GString below a node. */
    static List<String> nestedStrings(Expression root) {
        List<String> strings = new ArrayList<>();
        root.visit(new CodeVisitorSupport() {
            @Override
            public void visitConstantExpression(ConstantExpression constant) {
                if (constant.getValue() instanceof String text) {
                    strings.add(text);
                }
            }

            @Override
            public void visitGStringExpression(GStringExpression gString) {
                strings.add(gString.getText());
                super.visitGStringExpression(gString);
            }
        });
        return strings;
    }

    /** Returns the targets of all assignments below a node, such as {@code currentBuild.description}. */
    static List<String> nestedAssignmentTargets(Expression root) {
        List<String> targets = new ArrayList<>();
        root.visit(new CodeVisitorSupport() {
            @Override
            public void visitBinaryExpression(BinaryExpression binary) {
                if (binary.getOperation().getText().equals("=")) {
                    targets.add(binary.getLeftExpression().getText());
                }
                super.visitBinaryExpression(binary);
            }
        });
        return targets;
    }

    /** Returns the first argument of a call such as {@code stage('Gate')} when it is a string literal. */
    static String firstStringArgument(MethodCallExpression call) {
        List<Expression> arguments = argumentsOf(call);
        if (!arguments.isEmpty() && arguments.get(0) instanceof ConstantExpression constant
                && constant.getValue() instanceof String text) {
            return text;
        }
        throw new AssertionError("Expected a string as the first argument of " + call.getText());
    }

    /** Returns the value of a named argument such as {@code name: 'PLAN'}, when it is a literal. */
    static Optional<Object> namedArgument(MethodCallExpression call, String name) {
        for (Expression argument : argumentsOf(call)) {
            if (argument instanceof MapExpression map) {
                for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                    if (entry.getKeyExpression() instanceof ConstantExpression key && name.equals(key.getValue())
                            && entry.getValueExpression() instanceof ConstantExpression value) {
                        return Optional.ofNullable(value.getValue());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Returns the entries of the map literal assigned to a top-level variable or {@code @Field}. */
    static List<MapEntryExpression> topLevelMap(ModuleNode module, String variable) {
        for (Statement statement : statementsOf(module.getStatementBlock())) {
            if (statement instanceof ExpressionStatement expression
                    && expression.getExpression() instanceof DeclarationExpression declaration
                    && declaration.getVariableExpression().getName().equals(variable)
                    && declaration.getRightExpression() instanceof MapExpression map) {
                return map.getMapEntryExpressions();
            }
        }
        throw new AssertionError("No top-level map " + variable + " in the Jenkinsfile");
    }

    static ClosureExpression closureOf(MethodCallExpression call) {
        List<Expression> arguments = argumentsOf(call);
        if (!arguments.isEmpty() && arguments.get(arguments.size() - 1) instanceof ClosureExpression closure) {
            return closure;
        }
        throw new AssertionError(call.getMethodAsString() + " has no { } block");
    }

    private static List<Expression> argumentsOf(MethodCallExpression call) {
        if (call.getArguments() instanceof TupleExpression tuple) {
            return tuple.getExpressions();
        }
        return List.of(call.getArguments());
    }

    private static List<MethodCallExpression> directCalls(Statement block, String name) {
        List<MethodCallExpression> calls = new ArrayList<>();
        for (Statement statement : statementsOf(block)) {
            methodCall(statement).filter(call -> name.equals(call.getMethodAsString())).ifPresent(calls::add);
        }
        return calls;
    }

    private static List<Statement> statementsOf(Statement block) {
        return block instanceof BlockStatement statements ? statements.getStatements() : List.of(block);
    }

    private static Optional<MethodCallExpression> methodCall(Statement statement) {
        if (statement instanceof ExpressionStatement expression
                && expression.getExpression() instanceof MethodCallExpression call) {
            return Optional.of(call);
        }
        return Optional.empty();
    }

}
