/** A modular project: code it calls must be required here. */
module it.numguard.modular {
    requires java.logging;

    exports it.numguard.modular;
}
