package io.sparkiqa.udfs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading objects: an object over the largest Java array is a failed row whatever the byte cap says. */
class ImageBytesTest {
  @TempDir
  Path tmp;

  @Test
  void objectOverTheLargestArrayIsOverTheByteCapNotACrash() throws Exception {
    Path big = tmp.resolve("big.png");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(3L << 30); // sparse: no disk used
    }
    ImageBytes io = new ImageBytes(new Configuration(), Long.MAX_VALUE);
    ImageBytes.ReadException e = assertThrows(ImageBytes.ReadException.class, () -> io.read(big.toUri().toString()));
    assertEquals("over_byte_cap", e.reasonClass());
    assertTrue(e.getMessage().contains("is 3221225472 bytes, over 2147483639, the largest Java array"), e.getMessage());
  }

  @Test
  void theConfiguredCapStillComesFirst() throws Exception {
    Path small = Files.write(tmp.resolve("a.png"), new byte[100]);
    ImageBytes.ReadException e = assertThrows(ImageBytes.ReadException.class,
        () -> new ImageBytes(new Configuration(), 99).read(small.toUri().toString()));
    assertEquals("over_byte_cap", e.reasonClass());
    assertTrue(e.getMessage().endsWith("is 100 bytes, over the cap of 99"), e.getMessage());
    assertEquals(100, new ImageBytes(new Configuration(), 100).read(small.toUri().toString()).length);
  }
}
