package dev.ekyc.operator.policy;

/**
 * A mechanism the backend carries out itself once configured (S3 lifecycle rules, ILM/ISM, data
 * stream lifecycle): the operator writes and checks its configuration; the backend's own scheduler
 * deletes.
 */
public sealed interface NativeMechanism extends Mechanism
    permits LifecycleExpiration, IndexLifecycle, DataStreamRetention {}
