package dev.numguard.guards.batch.cuda;

/** Condenses JCuda's native-loading failures into one line. */
final class LinkFailures {
  private LinkFailures() {}

  /**
   * JCuda's {@link UnsatisfiedLinkError} message is a multi-line report of every attempt to load
   * its native library; the line naming the missing shared library (usually {@code libcuda.so.1},
   * the NVIDIA driver) says why. Returns that library with a hint, else the message's first line.
   */
  static String detail(String message) {
    if (message == null || message.trim().isEmpty()) {
      return "no detail";
    }
    for (String line : message.split("\\R")) {
      int at = line.indexOf("cannot open shared object file");
      if (at >= 0) {
        String before = line.substring(0, at).trim();
        if (before.endsWith(":")) {
          before = before.substring(0, before.length() - 1);
        }
        int separator = before.lastIndexOf(": ");
        String library = separator < 0 ? before : before.substring(separator + 2).trim();
        return library + " not found: is the NVIDIA driver installed?";
      }
    }
    return message.split("\\R", 2)[0].trim();
  }
}
