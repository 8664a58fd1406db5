package dev.ebm.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A source of test inputs: each call to {@link #next} draws one input from the random source it is
 * given, so that the same seed always gives the same inputs. Generators are combined with {@link
 * #map}, {@link #flatMap}, {@link #list}, {@link #oneOf} and {@link #weighted}; {@link Fuzz} runs a
 * property over the inputs of one.
 *
 * @param <T> the type of the inputs
 */
@FunctionalInterface
public interface Generator<T> {

  /** One input, drawn from {@code random}. */
  T next(SplittableRandom random);

  /** This generator's inputs passed through {@code f}. */
  default <R> Generator<R> map(Function<? super T, ? extends R> f) {
    return random -> f.apply(next(random));
  }

  /** For each input, one input of the generator {@code f} makes of it. */
  default <R> Generator<R> flatMap(Function<? super T, ? extends Generator<? extends R>> f) {
    return random -> f.apply(next(random)).next(random);
  }

  /** Lists of {@code minSize} to {@code maxSize} of this generator's inputs. */
  default Generator<List<T>> list(int minSize, int maxSize) {
    return random -> {
      int size = random.nextInt(minSize, maxSize + 1);
      List<T> list = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        list.add(next(random));
      }
      return list;
    };
  }

  /** Always {@code value}. */
  static <T> Generator<T> constant(T value) {
    return random -> value;
  }

  /** One of {@code values}, each as likely. */
  @SafeVarargs
  static <T> Generator<T> of(T... values) {
    // Copied element by element: passing a generic varargs array on is unsafe (-Xlint:varargs).
    List<T> copy = new ArrayList<>(values.length);
    for (T value : values) {
      copy.add(value);
    }
    return elementOf(copy);
  }

  /** One of {@code values}, each as likely. */
  static <T> Generator<T> elementOf(List<? extends T> values) {
    List<? extends T> copy = List.copyOf(values);
    return random -> copy.get(random.nextInt(copy.size()));
  }

  /** A whole number in [{@code min}, {@code max}], uniformly. */
  static Generator<Integer> integers(int min, int max) {
    return random -> random.nextInt(min, max + 1);
  }

  /** A number in [{@code min}, {@code max}), uniformly. */
  static Generator<Double> doubles(double min, double max) {
    return random -> random.nextDouble(min, max);
  }

  /** An input of one of {@code choices}, each chosen as often. */
  @SafeVarargs
  static <T> Generator<T> oneOf(Generator<? extends T>... choices) {
    List<Generator<? extends T>> copy = new ArrayList<>(choices.length);
    for (Generator<? extends T> choice : choices) {
      copy.add(choice);
    }
    return random -> copy.get(random.nextInt(copy.size())).next(random);
  }

  /**
   * An input of one of {@code choices}, each chosen in proportion to its weight.
   *
   * @throws IllegalArgumentException if no choice has a positive weight
   */
  @SafeVarargs
  static <T> Generator<T> weighted(Weighted<? extends T>... choices) {
    List<Weighted<? extends T>> copy = new ArrayList<>(choices.length);
    for (Weighted<? extends T> choice : choices) {
      copy.add(choice);
    }
    int total = copy.stream().mapToInt(Weighted::weight).sum();
    if (total <= 0) {
      throw new IllegalArgumentException("weights " + copy + " have no positive sum");
    }
    return random -> {
      int pick = random.nextInt(total);
      for (Weighted<? extends T> choice : copy) {
        pick -= choice.weight();
        if (pick < 0) {
          return choice.generator().next(random);
        }
      }
      throw new AssertionError("unreachable: a pick below the total weight");
    };
  }

  /** {@code generator} with weight {@code weight}, for {@link #weighted}. */
  static <T> Weighted<T> weight(int weight, Generator<T> generator) {
    return new Weighted<>(weight, generator);
  }

  /**
   * A generator and how often {@link #weighted} chooses it, relative to the others.
   *
   * @param weight the relative frequency, not negative
   * @param generator the generator
   * @param <T> the type of its inputs
   */
  record Weighted<T>(int weight, Generator<T> generator) {

    /** Checks the weight. */
    public Weighted {
      if (weight < 0) {
        throw new IllegalArgumentException("weight " + weight + " is negative; use 0 or more");
      }
    }
  }
}
