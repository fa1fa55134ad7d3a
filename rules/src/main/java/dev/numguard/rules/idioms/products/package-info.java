/**
 * Products that can underflow: which factors are probability-like, which loops run over data, and
 * which products are data-sized (a determinant, a power with a data-dependent exponent), for
 * LogOfProduct and UnderflowingProduct.
 */
package dev.numguard.rules.idioms.products;
