package dev.ebm.core.data.toy;

/**
 * A regular grid of cell centres over the rectangle {@code [xMin, xMax] × [yMin, yMax]}: point
 * {@code (ix, iy)} is {@code (xMin + (ix + ½)·dx, yMin + (iy + ½)·dy)} and has flat index {@code iy
 * · nx + ix}. Integrals over the rectangle are sums over points times {@link #cellArea()}.
 *
 * @param xMin left edge
 * @param xMax right edge
 * @param yMin bottom edge
 * @param yMax top edge
 * @param nx cells along x
 * @param ny cells along y
 */
public record Grid2d(double xMin, double xMax, double yMin, double yMax, int nx, int ny) {

  public Grid2d {
    if (!(xMax > xMin) || !(yMax > yMin)) {
      throw new IllegalArgumentException(
          "grid needs xMax > xMin and yMax > yMin, got ["
              + xMin
              + ", "
              + xMax
              + "] × ["
              + yMin
              + ", "
              + yMax
              + "]");
    }
    if (nx < 1 || ny < 1) {
      throw new IllegalArgumentException(
          "grid needs at least one cell each way, got " + nx + "×" + ny);
    }
  }

  /** A square grid of {@code n × n} cells over {@code [-half, half]²}. */
  public static Grid2d square(double half, int n) {
    return new Grid2d(-half, half, -half, half, n, n);
  }

  /** The cell width. */
  public double dx() {
    return (xMax - xMin) / nx;
  }

  /** The cell height. */
  public double dy() {
    return (yMax - yMin) / ny;
  }

  /** The area of one cell. */
  public double cellArea() {
    return dx() * dy();
  }

  /** The number of points. */
  public int size() {
    return nx * ny;
  }

  /** The x coordinate of column {@code ix}. */
  public double x(int ix) {
    return xMin + (ix + 0.5) * dx();
  }

  /** The y coordinate of row {@code iy}. */
  public double y(int iy) {
    return yMin + (iy + 0.5) * dy();
  }

  /** All points, row-major {@code [size, 2]}, in flat-index order. */
  public double[] points() {
    double[] p = new double[2 * size()];
    for (int iy = 0; iy < ny; iy++) {
      for (int ix = 0; ix < nx; ix++) {
        int k = iy * nx + ix;
        p[2 * k] = x(ix);
        p[2 * k + 1] = y(iy);
      }
    }
    return p;
  }
}
