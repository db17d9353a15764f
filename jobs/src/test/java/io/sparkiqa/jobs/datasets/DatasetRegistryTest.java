package io.sparkiqa.jobs.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The one list of dataset adapters is complete and consistent: unique lower-case names, one adapter
 * class each, a one-line description each, {@code byName} finds every one (in any case) and the error for
 * an unknown name lists them all. No Spark: the adapters' data paths are {@link DatasetAdaptersTest}'s.
 */
class DatasetRegistryTest {
  /** The datasets the CLI documents (DESIGN.md section 3); the list may grow, never lose one. */
  private static final List<String> DOCUMENTED = List.of("koniq10k", "flive", "paq2piq", "spaq", "clive", "agiqa3k");

  @Test
  void everyDocumentedDatasetHasExactlyOneAdapter() {
    assertTrue(DatasetAdapters.NAMES.containsAll(DOCUMENTED), DatasetAdapters.NAMES.toString());
    assertEquals(DatasetAdapters.ALL.size(), new HashSet<>(DatasetAdapters.NAMES).size(), "names are unique");
    assertEquals(DatasetAdapters.ALL.size(),
        DatasetAdapters.ALL.stream().map(Object::getClass).distinct().count(), "one adapter class per dataset");
  }

  @Test
  void namesAreLowerCaseAndDescriptionsAreOneLine() {
    for (DatasetAdapter a : DatasetAdapters.ALL) {
      assertEquals(a.name().toLowerCase(Locale.ROOT), a.name());
      assertTrue(a.name().matches("[a-z0-9]+"), a.name());
      assertFalse(a.description().isBlank(), a.name());
      assertFalse(a.description().contains("\n"), a.name() + ": one line");
    }
  }

  @Test
  void byNameFindsEveryAdapterInAnyCase() {
    for (DatasetAdapter a : DatasetAdapters.ALL) {
      assertSame(a, DatasetAdapters.byName(a.name()));
      assertSame(a, DatasetAdapters.byName(a.name().toUpperCase(Locale.ROOT)));
    }
  }

  @Test
  void anUnknownNameIsRefusedNamingEveryDataset() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetAdapters.byName("tid2008"));
    assertEquals("--dataset tid2008: unknown; one of " + String.join(", ", DatasetAdapters.NAMES), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> DatasetAdapters.prepare(null, "koniq", List.of("x.csv"), "/img", null, "t"),
        "prepare refuses before touching Spark");
  }

  @Test
  void adaptersThatReadOneLabelFileRefuseTwo() {
    for (String name : List.of("koniq10k", "paq2piq", "spaq", "clive", "agiqa3k", "kadid10k", "csiq", "live", "pipal",
        "ava")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DatasetAdapters.byName(name).prepare(null, List.of("a.csv", "b.csv"), "/img/", null, "t"));
      assertEquals("--dataset " + name + " takes one --labels file, got 2", e.getMessage());
    }
    assertThrows(IllegalArgumentException.class,
        () -> DatasetAdapters.byName("flive").prepare(null, List.of(), "/img/", null, "t"));
  }
}
