package dev.ekyc.operator.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The result record's layout, shared by the job that writes it and the operator that reads it: key
 * {@value #RUN_KEY} holds the run, {@code rule.<name>.json} each rule's last result, as plain JSON.
 */
public final class RunRecordFormat {
  public static final String RUN_KEY = "run.json";
  public static final String RULE_KEY_PREFIX = "rule.";
  public static final String RULE_KEY_SUFFIX = ".json";
  public static final ObjectMapper JSON = new ObjectMapper();

  private RunRecordFormat() {}

  /**
   * The key of a rule's result: the rule name with anything a ConfigMap key may not hold replaced
   * by '_'.
   */
  public static String ruleKey(String rule) {
    return RULE_KEY_PREFIX + rule.replaceAll("[^-._a-zA-Z0-9]", "_") + RULE_KEY_SUFFIX;
  }

  public static String json(Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the result record", e);
    }
  }
}
