package dev.numguard.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SeedsTest {

  // Computed independently (a few lines of Python with 64-bit masking) from the documented formula.
  private static final long PINNED_42_DROPOUT = -1323767106095905378L;
  private static final long PINNED_MINUS1_INIT = -1090180606446398703L;

  private static long[] firstLongs(SplittableRandom random, int count) {
    long[] values = new long[count];
    for (int i = 0; i < count; i++) {
      values[i] = random.nextLong();
    }
    return values;
  }

  @Test
  void fnv1aMatchesThePublishedTestVectors() {
    // Test vectors from the FNV reference (Fowler/Noll/Vo, draft-eastlake-fnv).
    assertThat(Seeds.fnv1a64(new byte[0])).isEqualTo(0xcbf29ce484222325L);
    assertThat(Seeds.fnv1a64("a".getBytes(StandardCharsets.UTF_8))).isEqualTo(0xaf63dc4c8601ec8cL);
    assertThat(Seeds.fnv1a64("foobar".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(0x85944171f73967e8L);
  }

  @Test
  void mix64IsTheSplitMix64Finalizer() {
    // The first output of SplitMix64 seeded with 0 is mix64(0x9e3779b97f4a7c15).
    assertThat(Seeds.mix64(0x9e3779b97f4a7c15L)).isEqualTo(0xe220a8397b1dcdafL);
    assertThat(Seeds.mix64(0)).isZero();
  }

  @Test
  void derivedSeedsFollowTheDocumentedFormulaAndArePinned() {
    Seeds seeds = Seeds.of(42);
    long expected =
        Seeds.mix64(Seeds.mix64(42) ^ Seeds.fnv1a64("dropout".getBytes(StandardCharsets.UTF_8)));
    assertThat(seeds.derive("dropout")).isEqualTo(expected);
    // Pinned: a change here silently changes every user's random streams.
    assertThat(seeds.derive("dropout")).isEqualTo(PINNED_42_DROPOUT);
    assertThat(Seeds.of(0).derive("")).isEqualTo(Seeds.mix64(0xcbf29ce484222325L));
    assertThat(Seeds.of(-1).derive("init")).isEqualTo(PINNED_MINUS1_INIT);
  }

  @Test
  void sameSeedAndNameGiveTheSameStream() {
    long[] first = firstLongs(Seeds.of(2024).generator("dropout"), 64);
    long[] second = firstLongs(Seeds.of(2024).generator("dropout"), 64);
    assertThat(second).containsExactly(first);

    Seeds one = Seeds.of(2024);
    assertThat(firstLongs(one.generator("dropout"), 64))
        .as("every call starts the stream afresh")
        .containsExactly(firstLongs(one.generator("dropout"), 64));
  }

  @Test
  void differentNamesOrSeedsGiveDifferentStreams() {
    Seeds seeds = Seeds.of(7);
    long[] dropout = firstLongs(seeds.generator("dropout"), 100);
    long[] init = firstLongs(seeds.generator("init"), 100);
    long[] otherSeed = firstLongs(Seeds.of(8).generator("dropout"), 100);
    for (int i = 0; i < 100; i++) {
      assertThat(init[i]).isNotEqualTo(dropout[i]);
      assertThat(otherSeed[i]).isNotEqualTo(dropout[i]);
    }
    // No shifted overlap between the two streams either.
    List<Long> dropoutValues = new ArrayList<>();
    for (long v : dropout) {
      dropoutValues.add(v);
    }
    for (long v : init) {
      assertThat(dropoutValues).doesNotContain(v);
    }
  }

  @Test
  void streamsDoNotDependOnCreationOrder() {
    List<String> names = List.of("init", "dropout", "shuffle/epoch-0", "shuffle/epoch-1", "", "é");
    Seeds forward = Seeds.of(99);
    List<long[]> forwardStreams = new ArrayList<>();
    for (String name : names) {
      forwardStreams.add(firstLongs(forward.generator(name), 8));
    }
    List<String> reversed = new ArrayList<>(names);
    Collections.reverse(reversed);
    Seeds backward = Seeds.of(99);
    backward.generator("something-else-first").nextLong();
    for (String name : reversed) {
      long[] stream = firstLongs(backward.generator(name), 8);
      assertThat(stream).containsExactly(forwardStreams.get(names.indexOf(name)));
    }
  }

  @Test
  void similarNamesGetUnrelatedSeeds() {
    Seeds seeds = Seeds.of(1);
    long totalFlippedBits = 0;
    int pairs = 1000;
    for (int i = 0; i < pairs; i++) {
      long a = seeds.derive("layer" + i);
      long b = seeds.derive("layer" + (i + 1));
      totalFlippedBits += Long.bitCount(a ^ b);
    }
    double meanFlipped = (double) totalFlippedBits / pairs;
    // An ideal mix flips 32 of 64 bits on average (standard error of the mean 0.13).
    assertThat(meanFlipped).isBetween(31.0, 33.0);
  }

  @Test
  void otherGeneratorKindsAreSeededFromTheSameDerivedSeed() {
    Seeds seeds = Seeds.of(5);
    long derived = seeds.derive("noise");
    RandomGenerator l64 = seeds.generator("noise", "L64X128MixRandom");
    RandomGenerator again = Seeds.of(5).generator("noise", "L64X128MixRandom");
    for (int i = 0; i < 16; i++) {
      assertThat(again.nextLong()).isEqualTo(l64.nextLong());
    }
    assertThat(seeds.random("noise").nextLong()).isEqualTo(new java.util.Random(derived).nextLong());
    assertThat(seeds.generator("noise").nextLong())
        .isEqualTo(new SplittableRandom(derived).nextLong());
    assertThatThrownBy(() -> seeds.generator("noise", "NoSuchAlgorithm"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> seeds.generator("noise", "SecureRandom"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stochastic");
    assertThatThrownBy(() -> seeds.generator(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void streamNamesAreRecordedSortedAndOnce() {
    Seeds seeds = Seeds.of(3);
    seeds.generator("shuffle");
    seeds.derive("init");
    seeds.random("shuffle");
    assertThat(seeds.streamNames()).containsExactly("init", "shuffle");
    assertThat(seeds.seed()).isEqualTo(3);
  }
}
