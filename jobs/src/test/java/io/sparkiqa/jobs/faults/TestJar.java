package io.sparkiqa.jobs.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Packs test classes (with their nested classes) from the test-classes folder into a jar for {@code --jars}. */
public final class TestJar {
  private TestJar() {
  }

  public static Path of(Path jar, Class<?>... classes) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, new Manifest())) {
      for (Class<?> c : classes) {
        Path root = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = root.resolve(c.getPackageName().replace('.', '/'));
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
          files = s.filter(p -> p.getFileName().toString().equals(c.getSimpleName() + ".class")
              || p.getFileName().toString().startsWith(c.getSimpleName() + "$")).sorted().toList();
        }
        for (Path f : files) {
          out.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
          out.write(Files.readAllBytes(f));
          out.closeEntry();
        }
      }
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    return jar;
  }
}
