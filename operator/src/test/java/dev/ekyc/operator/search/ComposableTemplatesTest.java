package dev.ekyc.operator.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which composable template a new index gets: the highest priority among the matching ones. */
class ComposableTemplatesTest {
  @Test
  void theHighestPriorityMatchingTemplateWins() throws Exception {
    var templates =
        ComposableTemplates.parse(
            new ObjectMapper()
                .readTree(
                    ("{'index_templates':["
                            + "{'name':'broad','index_template':{'index_patterns':['*'],'priority':1}},"
                            + "{'name':'logs','index_template':{'index_patterns':['other-*','logs-*'],'priority':200}},"
                            + "{'name':'nopriority','index_template':{'index_patterns':['logs-2026*']}}]}")
                        .replace('\'', '"')));
    assertThat(templates)
        .extracting(ComposableTemplates.Template::priority)
        .containsExactly(1L, 200L, 0L);
    assertThat(ComposableTemplates.winner(templates, "logs-2026.12.07"))
        .get()
        .extracting(ComposableTemplates.Template::name)
        .isEqualTo("logs");
    assertThat(ComposableTemplates.winner(templates, "metrics-1"))
        .get()
        .extracting(ComposableTemplates.Template::name)
        .isEqualTo("broad");
    assertThat(ComposableTemplates.winner(List.of(templates.get(1)), "metrics-1")).isEmpty();
    assertThat(ComposableTemplates.winner(templates, "logs.x"))
        .get()
        .extracting(ComposableTemplates.Template::name)
        .as("'.' is no wildcard")
        .isEqualTo("broad");
  }
}
