package dev.ebm.core.autodiff;

import static org.tensorflow.internal.c_api.global.tensorflow.TFJ_HasGradient;
import static org.tensorflow.internal.c_api.global.tensorflow.TFJ_RegisterCustomGradient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.internal.c_api.TFJ_GradFuncAdapter;
import org.tensorflow.op.Ops;
import org.tensorflow.op.RawCustomGradient;
import org.tensorflow.op.core.StridedSlice;
import org.tensorflow.op.nn.AvgPool;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.op.nn.Conv2dBackpropInput;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;
import org.tensorflow.types.family.TType;

/**
 * Gradients of the gradient ops that TensorFlow's C++ registry lacks, registered from Java so that
 * {@code Graph.addGradients} can differentiate a gradient again: the parameter gradient of a score
 * matching loss is a second-order gradient, and differentiating through it (or through a Langevin
 * step) needs third order.
 *
 * <p>Each gradient is written with ops that are themselves differentiable (including the ones
 * registered here), so any order works. Notation: {@code u} is the incoming gradient of the op's
 * output; {@code σ} the logistic sigmoid; {@code [c]} is 1 where {@code c} holds, else 0.
 *
 * <table>
 *   <caption>Registered gradients</caption>
 *   <tr><th>op</th><th>output</th><th>gradients returned</th></tr>
 *   <tr><td>SoftplusGrad(g, x)</td><td>g·σ(x)</td><td>dg = u·σ(x); dx = u·g·σ(x)(1−σ(x)), as
 *       SigmoidGrad(σ(x), u·g)</td></tr>
 *   <tr><td>SigmoidGrad(y, dy)</td><td>dy·y(1−y)</td><td>dy' = u·y(1−y); dy = u·dy·(1−2y)</td></tr>
 *   <tr><td>TanhGrad(y, dy)</td><td>dy·(1−y²)</td><td>dy' = u·(1−y²); dy = −2u·dy·y</td></tr>
 *   <tr><td>EluGrad(g, y)</td><td>g·(1 + [y&lt;0]·y)</td><td>dg = u·(1+[y&lt;0]·y);
 *       dy = u·g·[y&lt;0]</td></tr>
 *   <tr><td>ReluGrad(g, x)</td><td>g·[x&gt;0]</td><td>dg = u·[x&gt;0]; dx = 0</td></tr>
 *   <tr><td>RsqrtGrad(y, dy)</td><td>−½dy·y³</td><td>dy' = −½u·y³; dy = −3/2·u·dy·y²</td></tr>
 *   <tr><td>SqrtGrad(y, dy)</td><td>½dy/y</td><td>dy' = ½u/y; dy = −½u·dy/y²</td></tr>
 *   <tr><td>ReciprocalGrad(y, dy)</td><td>−dy·y²</td><td>dy' = −u·y²; dy = −2u·dy·y</td></tr>
 *   <tr><td>OnesLike(x)</td><td>1</td><td>dx = 0</td></tr>
 *   <tr><td>BiasAddGrad(dy)</td><td>Σ over all but the channel axis</td><td>u broadcast back
 *       along the channel axis</td></tr>
 *   <tr><td>AvgPoolGrad(shape, g)</td><td>adjoint of average pooling</td><td>dg = AvgPool(u)</td></tr>
 *   <tr><td>Conv2DBackpropFilter(x, sizes, dy)</td><td>filter gradient</td><td>dx =
 *       Conv2DBackpropInput(shape(x), u, dy); ddy = Conv2D(x, u)</td></tr>
 *   <tr><td>StridedSliceGrad(shape, b, e, s, dy)</td><td>dy scattered into zeros</td><td>ddy =
 *       StridedSlice(u, b, e, s)</td></tr>
 *   <tr><td>StatelessRandom{Normal, Uniform, UniformInt}, StatelessTruncatedNormal</td>
 *       <td>random draws</td><td>zeros (their inputs are a shape and a seed)</td></tr>
 * </table>
 *
 * <p>Gradient functions run while TensorFlow holds the graph's lock, so they must not ask for
 * static shapes (which takes that lock again and deadlocks); ranks and shapes are read in the graph
 * instead.
 *
 * <p>Integer inputs (shapes, slice bounds) receive zeros. Not registered, because no shipped layer
 * meets them: MaxPoolGrad, SeluGrad, Relu6Grad, SoftsignGrad.
 */
public final class HigherOrderGradients {

  private static final System.Logger LOG = System.getLogger(HigherOrderGradients.class.getName());
  private static final List<String> STATELESS_RANDOM_OPS =
      List.of(
          "StatelessRandomNormal",
          "StatelessRandomUniform",
          "StatelessRandomUniformInt",
          "StatelessTruncatedNormal");
  private static final Map<String, RawCustomGradient> GRADIENTS = gradients();

  /** The one native callback; held here so that it is never garbage-collected. */
  private static TFJ_GradFuncAdapter dispatcher;

  private HigherOrderGradients() {}

  /**
   * Registers every gradient of this class with TensorFlow, once per JVM; later calls return at
   * once. An op that already has a gradient (from TensorFlow or another library) keeps it.
   *
   * <p>All op types share one native callback that dispatches on the op type. TensorFlow Java 1.1.0
   * backs each {@code TensorFlow.registerCustomGradient} call with its own JavaCPP callback, of
   * which only 10 exist per JVM: the 11th registered gradient is a null function pointer that
   * crashes the JVM when called (fixed upstream in 1.2.0 by the same single-dispatcher design).
   */
  public static synchronized void ensureRegistered() {
    if (dispatcher != null) {
      return;
    }
    RawCustomGradient dispatch =
        (tf, op, upstream) -> reporting(op.type(), GRADIENTS.get(op.type())).call(tf, op, upstream);
    // The first registration may happen inside a JavaCPP PointerScope (TensorFlow Java opens one
    // while a while loop's body is built), which would release the adapter when it closes and free
    // its callback slot; TensorFlow, still holding the function pointer, would then call an empty
    // slot, which recurses until the stack overflows. The native registry holds the adapter for
    // the JVM's lifetime, so this class holds a reference of its own too.
    TFJ_GradFuncAdapter adapter = RawCustomGradient.adapter(dispatch).retainReference();
    for (String opType : GRADIENTS.keySet()) {
      if (!TFJ_HasGradient(opType)) {
        TFJ_RegisterCustomGradient(opType, adapter);
      }
    }
    dispatcher = adapter;
  }

  /** The op types this class registers gradients for. */
  public static List<String> opTypes() {
    return List.copyOf(GRADIENTS.keySet());
  }

  /**
   * Wraps a gradient so that an exception thrown while it builds ops is logged with the op type
   * before it reaches native code, which cannot report it.
   */
  private static RawCustomGradient reporting(String opType, RawCustomGradient gradient) {
    return (tf, op, upstream) -> {
      try {
        return gradient.call(tf, op, upstream);
      } catch (RuntimeException | Error e) {
        LOG.log(System.Logger.Level.ERROR, "building the gradient of " + opType + " failed", e);
        throw e;
      }
    };
  }

  private static Map<String, RawCustomGradient> gradients() {
    Map<String, RawCustomGradient> g = new LinkedHashMap<>();
    g.put("SoftplusGrad", HigherOrderGradients::softplusGrad);
    g.put("SigmoidGrad", HigherOrderGradients::sigmoidGrad);
    g.put("TanhGrad", HigherOrderGradients::tanhGrad);
    g.put("EluGrad", HigherOrderGradients::eluGrad);
    g.put("ReluGrad", HigherOrderGradients::reluGrad);
    g.put("RsqrtGrad", HigherOrderGradients::rsqrtGrad);
    g.put("SqrtGrad", HigherOrderGradients::sqrtGrad);
    g.put("ReciprocalGrad", HigherOrderGradients::reciprocalGrad);
    g.put("OnesLike", HigherOrderGradients::onesLike);
    g.put("BiasAddGrad", HigherOrderGradients::biasAddGrad);
    g.put("AvgPoolGrad", HigherOrderGradients::avgPoolGrad);
    g.put("Conv2DBackpropFilter", HigherOrderGradients::conv2dBackpropFilter);
    g.put("StridedSliceGrad", HigherOrderGradients::stridedSliceGrad);
    for (String randomOp : STATELESS_RANDOM_OPS) {
      g.put(randomOp, HigherOrderGradients::notDifferentiable);
    }
    return g;
  }

  private static <T extends TNumber> List<Operand<?>> softplusGrad(
      Ops tf, GraphOperation op, List<Output<?>> upstream) {
    Operand<T> g = input(op, 0);
    Operand<T> x = input(op, 1);
    Operand<T> u = cast(upstream.get(0));
    Operand<T> s = tf.math.sigmoid(x);
    // SigmoidGrad(s, v) = v·s(1−s) in one fused kernel, instead of Sub, Mul and Mul.
    Operand<T> wrtX = tf.math.sigmoidGrad(s, tf.math.mul(u, g));
    return List.of(tf.math.mul(u, s), wrtX);
  }

  private static <T extends TNumber> List<Operand<?>> sigmoidGrad(
      Ops tf, GraphOperation op, List<Output<?>> upstream) {
    Operand<T> y = input(op, 0);
    Operand<T> dy = input(op, 1);
    Operand<T> u = cast(upstream.get(0));
    Operand<T> wrtY = tf.math.mul(tf.math.mul(u, dy), tf.math.sub(one(tf, y), twice(tf, y)));
    Operand<T> wrtDy = tf.math.mul(u, tf.math.mul(y, tf.math.sub(one(tf, y), y)));
    return List.of(wrtY, wrtDy);
  }

  private static <T extends TNumber> List<Operand<?>> tanhGrad(
      Ops tf, GraphOperation op, List<Output<?>> upstream) {
    Operand<T> y = input(op, 0);
    Operand<T> dy = input(op, 1);
    Operand<T> u = cast(upstream.get(0));
    Operand<T> wrtY = tf.math.neg(tf.math.mul(tf.math.mul(u, dy), twice(tf, y)));
    Operand<T> wrtDy = tf.math.mul(u, tf.math.sub(one(tf, y), tf.math.square(y)));
    return List.of(wrtY, wrtDy);
  }

  private static <T extends TNumber> List<Operand<?>> eluGrad(
      Ops tf, GraphOperation op, List<Output<?>> upstream) {
    Operand<T> g = input(op, 0);
    Operand<T> y = input(op, 1);
    Operand<T> u = cast(upstream.get(0));
    Operand<T> negative = tf.dtypes.cast(tf.math.less(y, zero(tf, y)), y.type());
    Operand<T> wrtG = tf.math.mul(u, tf.math.add(one(tf, y), tf.math.mul(negative, y)));
    Operand<T> wrtY = tf.math.mul(tf.math.mul(u, g), negative);
    return List.of(wrtG, wrtY);
  }

  private static <T extends TNumber> List<Operand<?>> reluGrad(
      Ops tf, GraphOperation op, List<Output<?>> upstream) {
    Operand<T> x = input(op, 1);
    Operand<T> u = cast(upstream.get(0));
    Operand<T> positive = tf.dtypes.cast(tf.math.greater(x, zero(tf, x)), x.type());
    return List.of(tf.math.mul(u, positive), tf.zerosLike(x));
  }

  private static <T extends TNumber> List<Operand<?>> rsqrtGrad(
      Ops tf, GraphOperation op, List<Output<?>> upstream) {
    Operand<T> y = input(op, 0);
    Operand<T> dy = input(op, 1);
    Operand<T> u = cast(upstream.get(0));
    Operand<T> y2 = tf.math.square(y);
    Operand<T> wrtY = tf.math.mul(tf.math.mul(u, dy), tf.math.mul(y2, constant(tf, y, -1.5)));
    Operand<T> wrtDy = tf.math.mul(u, tf.math.mul(tf.math.mul(y2, y), constant(tf, y, -0.5)));
    return List.of(wrtY, wrtDy);
  }

  private static <T extends TNumber> List<Operand<?>> sqrtGrad(
      Ops tf, GraphOperation op, List<Output<?>> upstream) {
    Operand<T> y = input(op, 0);
    Operand<T> dy = input(op, 1);
    Operand<T> u = cast(upstream.get(0));
    Operand<T> halfOverY = tf.math.div(constant(tf, y, 0.5), y);
    Operand<T> wrtY = tf.math.neg(tf.math.mul(tf.math.mul(u, dy), tf.math.div(halfOverY, y)));
    return List.of(wrtY, tf.math.mul(u, halfOverY));
  }

  private static <T extends TNumber> List<Operand<?>> reciprocalGrad(
      Ops tf, GraphOperation op, List<Output<?>> upstream) {
    Operand<T> y = input(op, 0);
    Operand<T> dy = input(op, 1);
    Operand<T> u = cast(upstream.get(0));
    Operand<T> wrtY = tf.math.neg(tf.math.mul(tf.math.mul(u, dy), twice(tf, y)));
    Operand<T> wrtDy = tf.math.neg(tf.math.mul(u, tf.math.square(y)));
    return List.of(wrtY, wrtDy);
  }

  private static <T extends TType> List<Operand<?>> onesLike(
      Ops tf, GraphOperation op, List<Output<?>> upstream) {
    Operand<T> x = input(op, 0);
    return List.of(tf.zerosLike(x));
  }

  private static <T extends TNumber> List<Operand<?>> biasAddGrad(
      Ops tf, GraphOperation op, List<Output<?>> upstream) {
    Operand<T> dy = input(op, 0);
    Operand<T> u = cast(upstream.get(0));
    Operand<TInt32> shape = tf.shape(dy);
    Operand<T> channels = u;
    if ("NCHW".equals(op.attributes().getAttrString("data_format"))) {
      // Channels sit on axis 1: reshape u to [C, 1, ..., 1] (rank − 1 axes) so that it broadcasts
      // along the trailing spatial axes. The rank is read in the graph: static shape queries
      // would lock the graph, which the gradient builder already holds.
      Operand<TInt32> trailingOnes =
          tf.fill(
              tf.expandDims(tf.math.sub(tf.rank(dy), tf.constant(2)), tf.constant(0)),
              tf.constant(1));
      Operand<TInt32> channelShape =
          tf.concat(List.of(tf.constant(new int[] {-1}), trailingOnes), tf.constant(0));
      channels = tf.reshape(u, channelShape);
    }
    return List.of(tf.broadcastTo(channels, shape));
  }

  private static <T extends TNumber> List<Operand<?>> avgPoolGrad(
      Ops tf, GraphOperation op, List<Output<?>> upstream) {
    Operand<TInt32> originalShape = input(op, 0);
    Operand<T> u = cast(upstream.get(0));
    Operand<T> wrtGrad =
        tf.nn.avgPool(
            u,
            longs(op.attributes().getAttrIntList("ksize")),
            longs(op.attributes().getAttrIntList("strides")),
            op.attributes().getAttrString("padding"),
            AvgPool.dataFormat(op.attributes().getAttrString("data_format")));
    return List.of(tf.zerosLike(originalShape), wrtGrad);
  }

  private static <T extends TNumber> List<Operand<?>> conv2dBackpropFilter(
      Ops tf, GraphOperation op, List<Output<?>> upstream) {
    Operand<T> input = input(op, 0);
    Operand<TInt32> filterSizes = input(op, 1);
    Operand<T> outBackprop = input(op, 2);
    Operand<T> u = cast(upstream.get(0));
    List<Long> strides = longs(op.attributes().getAttrIntList("strides"));
    String padding = op.attributes().getAttrString("padding");
    String dataFormat = op.attributes().getAttrString("data_format");
    List<Long> dilations = longs(op.attributes().getAttrIntList("dilations"));
    List<Long> explicitPaddings = longs(op.attributes().getAttrIntList("explicit_paddings"));
    Operand<T> wrtInput =
        tf.nn.conv2dBackpropInput(
            tf.shape(input),
            u,
            outBackprop,
            strides,
            padding,
            Conv2dBackpropInput.dataFormat(dataFormat),
            Conv2dBackpropInput.dilations(dilations),
            Conv2dBackpropInput.explicitPaddings(explicitPaddings));
    Operand<T> wrtOutBackprop =
        tf.nn.conv2d(
            input,
            u,
            strides,
            padding,
            Conv2d.dataFormat(dataFormat),
            Conv2d.dilations(dilations),
            Conv2d.explicitPaddings(explicitPaddings));
    return List.of(wrtInput, tf.zerosLike(filterSizes), wrtOutBackprop);
  }

  private static <I extends TNumber, T extends TType> List<Operand<?>> stridedSliceGrad(
      Ops tf, GraphOperation op, List<Output<?>> upstream) {
    Operand<I> shape = input(op, 0);
    Operand<I> begin = input(op, 1);
    Operand<I> end = input(op, 2);
    Operand<I> strides = input(op, 3);
    Operand<T> u = cast(upstream.get(0));
    Operand<T> wrtDy =
        tf.stridedSlice(
            u,
            begin,
            end,
            strides,
            StridedSlice.beginMask(op.attributes().getAttrInt("begin_mask")),
            StridedSlice.endMask(op.attributes().getAttrInt("end_mask")),
            StridedSlice.ellipsisMask(op.attributes().getAttrInt("ellipsis_mask")),
            StridedSlice.newAxisMask(op.attributes().getAttrInt("new_axis_mask")),
            StridedSlice.shrinkAxisMask(op.attributes().getAttrInt("shrink_axis_mask")));
    return List.of(
        tf.zerosLike(shape), tf.zerosLike(begin), tf.zerosLike(end), tf.zerosLike(strides), wrtDy);
  }

  /**
   * Zero gradients for ops whose inputs are integers (a shape, a seed): TensorFlow's registry has
   * none for the stateless random ops, yet backpropagation meets them when a noise shape is read
   * from the data ({@code shape(x)}).
   */
  private static List<Operand<?>> notDifferentiable(
      Ops tf, GraphOperation op, List<Output<?>> upstream) {
    List<Operand<?>> zeros = new java.util.ArrayList<>(op.numInputs());
    for (int i = 0; i < op.numInputs(); i++) {
      zeros.add(tf.zerosLike(op.input(i)));
    }
    return zeros;
  }

  private static <T extends TType> Operand<T> input(GraphOperation op, int index) {
    return cast(op.input(index));
  }

  @SuppressWarnings("unchecked")
  private static <T extends TType> Operand<T> cast(Output<?> output) {
    return (Operand<T>) output;
  }

  private static <T extends TNumber> Operand<T> constant(Ops tf, Operand<T> like, double value) {
    return tf.dtypes.cast(tf.constant(value), like.type());
  }

  private static <T extends TNumber> Operand<T> one(Ops tf, Operand<T> like) {
    return constant(tf, like, 1.0);
  }

  private static <T extends TNumber> Operand<T> zero(Ops tf, Operand<T> like) {
    return constant(tf, like, 0.0);
  }

  private static <T extends TNumber> Operand<T> twice(Ops tf, Operand<T> x) {
    return tf.math.mul(x, constant(tf, x, 2.0));
  }

  private static List<Long> longs(long[] values) {
    return java.util.Arrays.stream(values).boxed().toList();
  }
}
