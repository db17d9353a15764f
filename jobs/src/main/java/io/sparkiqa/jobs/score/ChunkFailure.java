package io.sparkiqa.jobs.score;

import io.sparkiqa.udfs.io.StorageText;
import org.apache.hadoop.conf.Configuration;

/**
 * A chunk of {@code scores/} that could not be scored or written (object storage gone, the cluster lost): says which chunk,
 * where it was going (the S3 endpoint, never credentials), why (the innermost cause), that the chunks committed
 * before it are kept, and how to finish.
 */
public final class ChunkFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean storage;

  private ChunkFailure(String message, Throwable cause, boolean storage) {
    super(message, cause);
    this.storage = storage;
  }

  /** Whether the storage failed (an I/O error); otherwise the stack trace is worth printing too. */
  public boolean storage() {
    return storage;
  }

  static ChunkFailure of(Exception e, int chunk, int chunks, String scoresUri, Configuration conf) {
    Throwable root = e;
    boolean io = false;
    while (true) {
      io |= root instanceof java.io.IOException;
      if (root.getCause() == null || root.getCause() == root) {
        break;
      }
      root = root.getCause();
    }
    String why = root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + StorageText.firstLine(root.getMessage()).strip());
    return new ChunkFailure("writing chunk " + (chunk + 1) + "/" + chunks + " of the scores to " + scoresUri
        + StorageText.endpoint(conf, new org.apache.hadoop.fs.Path(scoresUri)) + " failed (" + why + "); "
        + (chunk == 0 ? "no chunk was committed" : "the " + chunk + " chunk(s) committed before it are kept")
        + ": run the same command again with --resume to finish", e, io);
  }
}
