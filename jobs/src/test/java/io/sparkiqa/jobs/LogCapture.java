package io.sparkiqa.jobs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Captures every log4j2 event (message and stack trace) while open: to read what Spark and plugins log. */
public final class LogCapture extends AbstractAppender implements AutoCloseable {
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

  public LogCapture() {
    super("sparkiqa-test-capture", null, null, true, Property.EMPTY_ARRAY);
    start();
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    ctx.getConfiguration().getRootLogger().addAppender(this, Level.ALL, null);
    ctx.updateLoggers();
  }

  @Override
  public void append(LogEvent event) {
    lines.addAll(List.of(event.getMessage().getFormattedMessage().split("\n")));
    if (event.getThrown() != null) {
      lines.add(event.getThrown().toString());
    }
  }

  public List<String> lines() {
    return new ArrayList<>(lines);
  }

  public void clear() {
    lines.clear();
  }

  @Override
  public void close() {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    ctx.getConfiguration().getRootLogger().removeAppender(getName());
    ctx.updateLoggers();
    stop();
  }
}
