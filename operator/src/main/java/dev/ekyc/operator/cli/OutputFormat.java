package dev.ekyc.operator.cli;

/** How plan prints: for people, or as a stable document for tools. */
enum OutputFormat {
  text,
  yaml,
  json
}
