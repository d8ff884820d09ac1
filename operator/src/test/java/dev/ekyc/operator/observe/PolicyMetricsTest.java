package dev.ekyc.operator.observe;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The series the alert rules read, as Prometheus scrapes them: names, labels, replacement and
 * removal.
 */
class PolicyMetricsTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final PolicyMetrics metrics = new PolicyMetrics(registry);

  @Test
  void modeIsOneInfoSeriesPerPolicyReplacedWhenTheModeChanges() {
    metrics.policyMode("shop", "kyc", "Audit");
    assertTrue(
        scrape().contains("ekyc_policy_info{mode=\"Audit\",namespace=\"shop\",policy=\"kyc\"} 1"),
        scrape());

    metrics.policyMode("shop", "kyc", "Enforce");
    assertTrue(
        scrape().contains("ekyc_policy_info{mode=\"Enforce\",namespace=\"shop\",policy=\"kyc\"} 1"),
        scrape());
    assertFalse(scrape().contains("mode=\"Audit\""), scrape());
  }

  @Test
  void expectedIntervalIsTheSchedulesLongestGapInSeconds() {
    metrics.jobExpectedInterval("shop", "kyc", "purge", Duration.ofDays(1));
    assertTrue(
        scrape()
            .contains(
                "ekyc_job_expected_interval_seconds{job=\"purge\",namespace=\"shop\",policy=\"kyc\"} 86400"),
        scrape());
  }

  @Test
  void aDeletedPolicyLeavesNoSeries() {
    metrics.policy("shop", "kyc", false, true);
    metrics.policyMode("shop", "kyc", "Enforce");
    metrics.jobLastSuccess("shop", "kyc", "purge", Instant.ofEpochSecond(1000));
    metrics.jobExpectedInterval("shop", "kyc", "purge", Duration.ofMinutes(15));
    metrics.overdue("shop", "kyc", Map.of("selfies", 0L));
    metrics.policyMode("shop", "other", "Audit");

    metrics.removePolicy("shop", "kyc");

    String text = scrape();
    assertFalse(text.contains("policy=\"kyc\""), text);
    assertTrue(text.contains("policy=\"other\""), text);
  }

  @Test
  void aPolicyWithoutJobLosesItsJobSeriesOnly() {
    metrics.policyMode("shop", "kyc", "Enforce");
    metrics.jobExpectedInterval("shop", "kyc", "sweep", Duration.ofMinutes(15));

    metrics.removeJob("shop", "kyc");

    String text = scrape();
    assertFalse(text.contains("ekyc_job_expected_interval_seconds{"), text);
    assertTrue(text.contains("ekyc_policy_info{"), text);
  }

  private String scrape() {
    return registry.scrape();
  }
}
