package io.sparkiqa.jobs.report;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;

/** Histograms for the audit report (JFreeChart, as the scatter plots), as base64 PNGs. */
final class HistogramChart {
  private HistogramChart() {
  }

  /**
   * Overlaid histograms of score, one translucent series per group, over the common range of the finite
   * scores (NaN and +/-Infinity cannot be binned and are left out; a group without a finite score has no series).
   */
  static String scores(String title, String xLabel, Map<String, double[]> groups, int width, int height) {
    HistogramDataset data = dataset(groups);
    XYBarRenderer r = new XYBarRenderer();
    r.setBarPainter(new StandardXYBarPainter());
    r.setShadowVisible(false);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      Color c = ScatterChart.PALETTE[i % ScatterChart.PALETTE.length];
      r.setSeriesPaint(i, new Color(c.getRed(), c.getGreen(), c.getBlue(), 150));
    }
    NumberAxis x = new NumberAxis(xLabel);
    x.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, x, new NumberAxis("images"), r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    return png(new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, data.getSeriesCount() > 1),
        width, height);
  }

  /** 30 bins per group over the finite range of all groups. */
  static HistogramDataset dataset(Map<String, double[]> groups) {
    Map<String, double[]> finite = new java.util.LinkedHashMap<>();
    groups.forEach((g, v) -> finite.put(g, Arrays.stream(v).filter(Double::isFinite).toArray()));
    double lo = finite.values().stream().flatMapToDouble(Arrays::stream).min().orElse(0);
    double max = finite.values().stream().flatMapToDouble(Arrays::stream).max().orElse(1);
    double hi = max > lo ? max : lo + 1;
    HistogramDataset data = new HistogramDataset();
    finite.forEach((g, v) -> {
      if (v.length > 0) {
        data.addSeries(g, v, 30, lo, hi);
      }
    });
    return data;
  }

  /** Bars of counts per category label, in the given order. */
  static String counts(String title, String xLabel, Map<String, Long> counts, int width, int height) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    counts.forEach((k, v) -> data.addValue(v, "images", k));
    BarRenderer r = new BarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setSeriesPaint(0, ScatterChart.PALETTE[0]);
    CategoryAxis x = new CategoryAxis(xLabel);
    x.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    CategoryPlot plot = new CategoryPlot(data, x, new NumberAxis("images"), r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    return png(new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, false), width, height);
  }

  static String png(JFreeChart chart, int width, int height) {
    chart.setBackgroundPaint(Color.WHITE);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(png, chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(png.toByteArray());
  }
}
