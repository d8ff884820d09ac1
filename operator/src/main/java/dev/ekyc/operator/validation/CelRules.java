package dev.ekyc.operator.validation;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles and evaluates {@code x-kubernetes-validations} rules with cel-java: the standard library
 * and macros plus the strings extension, as the API server offers them. Compiled programs are
 * cached by rule and type of {@code self}, so validating many manifests compiles each rule once.
 */
final class CelRules {
  // Thread-safe: validators share one instance, so each rule compiles once per process.
  private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

  /** What evaluating one rule against one value gave. */
  sealed interface Outcome permits Passed, Failed, Unevaluable {}

  record Passed() implements Outcome {}

  record Failed() implements Outcome {}

  /**
   * The rule does not compile offline or raised an error while evaluating; {@code reason} says
   * which.
   */
  record Unevaluable(String reason, boolean compileError) implements Outcome {}

  Outcome evaluate(String rule, CelType selfType, Object self) {
    Compiled compiled = compile(rule, selfType);
    if (compiled.error != null) {
      return new Unevaluable(compiled.error, true);
    }
    try {
      Object result = compiled.program.eval(Map.of("self", self));
      if (!(result instanceof Boolean b)) {
        return new Unevaluable("the rule returned " + result + ", not a boolean", true);
      }
      return b ? new Passed() : new Failed();
    } catch (CelEvaluationException e) {
      return new Unevaluable(firstLine(e.getMessage()), false);
    }
  }

  /**
   * Evaluates a {@code messageExpression}; returns null when it does not give a non-blank string.
   */
  String message(String expression, CelType selfType, Object self) {
    Compiled compiled = compile(expression, selfType);
    if (compiled.error != null) {
      return null;
    }
    try {
      Object result = compiled.program.eval(Map.of("self", self));
      return result instanceof String s && !s.isBlank() ? s : null;
    } catch (CelEvaluationException e) {
      return null;
    }
  }

  private Compiled compile(String expression, CelType selfType) {
    return cache.computeIfAbsent(
        selfType + "\u0000" + expression,
        k -> {
          Cel cel =
              CelFactory.standardCelBuilder()
                  .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                  .addCompilerLibraries(CelExtensions.strings())
                  .addRuntimeLibraries(CelExtensions.strings())
                  .addVar("self", selfType == null ? SimpleType.DYN : selfType)
                  .build();
          try {
            CelAbstractSyntaxTree ast = cel.compile(expression).getAst();
            return new Compiled(cel.createProgram(ast), null);
          } catch (CelValidationException e) {
            return new Compiled(null, "does not compile: " + firstLine(e.getMessage()));
          } catch (CelEvaluationException e) {
            return new Compiled(null, "cannot be planned: " + firstLine(e.getMessage()));
          }
        });
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private record Compiled(CelRuntime.Program program, String error) {}
}
