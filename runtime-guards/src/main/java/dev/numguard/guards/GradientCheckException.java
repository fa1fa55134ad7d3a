package dev.numguard.guards;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Thrown by {@link GradientCheck.Result#orThrow()} and {@link GradientCheck#verify} when an
 * analytic gradient disagrees with the central-difference estimate, like the {@code GradcheckError}
 * that {@code torch.autograd.gradcheck} raises. The message names every mismatching parameter and
 * index with both values.
 */
public final class GradientCheckException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Transient: mismatches are value records, but the exception's message already carries them. */
  private final transient List<GradientCheck.Mismatch> mismatches;

  GradientCheckException(String message, List<GradientCheck.Mismatch> mismatches) {
    super(message);
    this.mismatches = Collections.unmodifiableList(new ArrayList<>(mismatches));
  }

  /** The mismatching entries, in parameter, output, index order; never empty. */
  public List<GradientCheck.Mismatch> mismatches() {
    return mismatches;
  }
}
