package org.xnet.model;

/** A model read from a model file: its metadata and its logits network with the saved weights. */
public record LoadedModel(ModelMetadata metadata, SegmentationNet network) {
}
