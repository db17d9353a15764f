package io.sparkiqa.jobs.datasets;

/** The name and one-line description an adapter is listed with, for adapters that take both from their subclass. */
abstract class NamedAdapter implements DatasetAdapter {
  private final String name;
  private final String description;

  NamedAdapter(String name, String description) {
    this.name = name;
    this.description = description;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String description() {
    return description;
  }
}
