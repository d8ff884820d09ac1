package dev.ekyc.operator.policy;

import java.time.Duration;

/**
 * How a row records consent. A row counts as consented only when {@code grantedColumn} is true,
 * consent is not withdrawn, and the end user met the minimum age of their jurisdiction at the row's
 * timestamp (or a parent consented, where that is allowed). A missing birth date never counts as
 * old enough.
 */
public record SqlConsent(
    ResourceRef consentPolicy,
    String grantedColumn,
    String withdrawnAtColumn,
    String birthDateColumn,
    String jurisdictionColumn,
    String parentalConsentColumn,
    MinimumAgeRule minimumAge,
    Duration erasureAfterWithdrawal) {}
