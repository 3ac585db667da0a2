package org.xnet.eval;

/**
 * One point of a ROC curve: the false- and true-positive rates when every pixel whose score is at least
 * {@code threshold} is called positive (the first point, (0, 0), has threshold +infinity).
 */
public record RocPoint(double fpr, double tpr, double threshold) {
}
