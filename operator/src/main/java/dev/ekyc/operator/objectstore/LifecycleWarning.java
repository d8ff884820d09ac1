package dev.ekyc.operator.objectstore;

/**
 * A rule the store does not own that can delete some of its objects earlier than its own rule
 * would. The operator never edits such a rule, so the user must decide.
 */
public record LifecycleWarning(String otherRuleId, String ownedRuleId, String message) {}
