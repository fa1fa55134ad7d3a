/**
 * Numbers that live in objects rather than in variables and arrays: element accessors of container
 * classes and arithmetic methods of value objects, lowered into the numeric model before any fact is
 * computed ({@link dev.numguard.rules.facts.objects.ObjectLowering}).
 */
package dev.numguard.rules.facts.objects;
