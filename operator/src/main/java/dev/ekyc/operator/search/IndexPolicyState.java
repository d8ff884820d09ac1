package dev.ekyc.operator.search;

/** One existing index and the lifecycle policy it runs, {@code policy} null when it runs none. */
public record IndexPolicyState(String index, String policy) {}
