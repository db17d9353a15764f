package io.sparkiqa.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Score-vs-target scatter plots drawn with JFreeChart, the project's one charting library, and returned
 * as base64 PNG so the HTML report is a single self-contained file.
 */
public final class ScatterChart {
  static final Color[] PALETTE = {
      new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
      new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

  private ScatterChart() {
  }

  /** A PNG (base64) of score (x) against MOS/target (y), one colour per series label. */
  public static String pngBase64(String title, String xLabel, String yLabel, List<ReportData.Point> points,
                                 int width, int height) {
    return pngBase64(title, xLabel, yLabel, points, null, null, width, height);
  }

  /** As above, with a fitted curve (e.g. the logistic) drawn as a line over the observed score range. */
  public static String pngBase64(String title, String xLabel, String yLabel, List<ReportData.Point> points,
                                 String curveLabel, java.util.function.DoubleUnaryOperator curve, int width, int height) {
    Map<String, XYSeries> series = new TreeMap<>();
    for (ReportData.Point p : points) {
      if (!Double.isFinite(p.score())) {
        continue;
      }
      String label = p.colour() == null ? "all" : p.colour();
      series.computeIfAbsent(label, l -> new XYSeries(l, false, true)).add(p.score(), p.mos());
    }
    XYSeriesCollection data = new XYSeriesCollection();
    series.values().forEach(data::addSeries);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      renderer.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
    }
    double lo = points.stream().mapToDouble(ReportData.Point::score).filter(Double::isFinite).min().orElse(0);
    double hi = points.stream().mapToDouble(ReportData.Point::score).filter(Double::isFinite).max().orElse(1);
    if (curve != null && hi > lo) {
      XYSeries line = new XYSeries(curveLabel, false, true);
      for (int i = 0; i <= 200; i++) {
        double x = lo + (hi - lo) * i / 200.0;
        line.add(x, curve.applyAsDouble(x));
      }
      data.addSeries(line);
      int k = data.getSeriesCount() - 1;
      renderer.setSeriesLinesVisible(k, true);
      renderer.setSeriesShapesVisible(k, false);
      renderer.setSeriesPaint(k, Color.BLACK);
      renderer.setSeriesStroke(k, new BasicStroke(1.6f));
    }
    NumberAxis x = new NumberAxis(xLabel);
    x.setAutoRangeIncludesZero(false);
    NumberAxis y = new NumberAxis(yLabel);
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    plot.setOutlineStroke(new BasicStroke(0.5f));
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, data.getSeriesCount() > 1);
    chart.setBackgroundPaint(Color.WHITE);
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }
    return HistogramChart.png(chart, width, height);
  }
}
