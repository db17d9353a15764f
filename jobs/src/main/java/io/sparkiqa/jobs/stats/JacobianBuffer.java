package io.sparkiqa.jobs.stats;

import org.apache.commons.math3.linear.AbstractRealMatrix;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * An n x d Jacobian held in one buffer that is reused across the evaluations of one fit. Commons Math's
 * Levenberg-Marquardt asks for {@code jacobian.scalarMultiply(-1).getData()} once per iteration and then
 * works on that array in place; with a million rows the two defensive copies cost more than the fit
 * itself. Here {@code scalarMultiply(-1)} negates in place and {@code getData()} hands out the buffer.
 * Only for that use: every evaluation refills the buffer before LM reads it again.
 */
final class JacobianBuffer extends AbstractRealMatrix {
  private final double[][] data;

  JacobianBuffer(int rows, int cols) {
    data = new double[rows][cols];
  }

  double[][] rows() {
    return data;
  }

  @Override
  public RealMatrix scalarMultiply(double d) {
    if (d != -1) {
      return super.scalarMultiply(d);
    }
    for (double[] row : data) {
      for (int k = 0; k < row.length; k++) {
        row[k] = -row[k];
      }
    }
    return this;
  }

  @Override
  public double[][] getData() {
    return data;
  }

  @Override
  public int getRowDimension() {
    return data.length;
  }

  @Override
  public int getColumnDimension() {
    return data.length == 0 ? 0 : data[0].length;
  }

  @Override
  public RealMatrix createMatrix(int rows, int cols) {
    return new Array2DRowRealMatrix(rows, cols);
  }

  @Override
  public RealMatrix copy() {
    double[][] c = new double[data.length][];
    for (int i = 0; i < data.length; i++) {
      c[i] = data[i].clone();
    }
    return new Array2DRowRealMatrix(c, false);
  }

  @Override
  public double getEntry(int row, int column) {
    return data[row][column];
  }

  @Override
  public void setEntry(int row, int column, double value) {
    data[row][column] = value;
  }
}
