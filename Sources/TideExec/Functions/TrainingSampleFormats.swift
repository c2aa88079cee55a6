import TideCore

/// The three training-sample formats `csv`, `libsvm` and `gcformat` write from a row's
/// feature signatures (nil stands for a NULL argument, treated as an unknown signature).
///
/// OpenMLDB semantics, common to all three: a label sets the sample's label (the last label
/// argument wins; a NULL label clears it); a missing (NULL) feature writes nothing but still
/// uses up its slot where the format numbers slots.
enum TrainingSampleFormats {
    /// CSV: every argument, label or feature, is one field in argument order; missing values
    /// and unknown signatures are empty fields. `csv()` is the empty string.
    static func csv(_ signatures: [FeatureSignature?]) -> String {
        signatures.map { $0?.text ?? "" }.joined(separator: ",")
    }

    /// LIBSVM: `label index:value ...`, separated by single spaces.
    ///
    /// OpenMLDB semantics: the index starts at 1. A continuous feature is `index:value` and
    /// advances the index by 1. A discrete feature without a bucket size is `hash:1` and does
    /// not advance it; with bucket size n it is `(index + bucket):1` and advances the index by
    /// n, so each bucketed feature owns a range of n indices. The index is unsigned 64-bit and
    /// wraps; `index + bucket` is printed signed.
    static func libsvm(_ signatures: [FeatureSignature?]) -> String {
        var label = ""
        var features: [String] = []
        var index: UInt64 = 1
        for signature in signatures {
            guard let signature else { continue }
            switch signature.kind {
            case .continuous:
                if let text = signature.text { features.append("\(index):\(text)") }
                index &+= 1
            case .discrete:
                if signature.bucketSize == 0 {
                    if let text = signature.text { features.append("\(text):1") }
                } else {
                    if let text = signature.text, let bucket = Int64(text) {
                        features.append("\(Int64(bitPattern: index &+ UInt64(bitPattern: bucket))):1")
                    }
                    index &+= UInt64(bitPattern: signature.bucketSize)
                }
            case .binaryLabel, .multiclassLabel, .regressionLabel:
                label = signature.text ?? ""
            }
        }
        let body = features.joined(separator: " ")
        if label.isEmpty { return body }
        return body.isEmpty ? label : label + " " + body
    }

    /// GCFormat: `label | slot:... slot:...` (always with the ` | `, even with no label or
    /// no features).
    ///
    /// OpenMLDB semantics: slots are numbered from 1 and every feature or unknown signature
    /// takes one, present or not. A continuous feature is `slot:key:value` where key is the
    /// FarmHash fingerprint of the slot number as an int64 (what `hash64(bigint(slot))`
    /// gives); a discrete one is `slot:value`.
    static func gcformat(_ signatures: [FeatureSignature?]) -> String {
        var label = ""
        var features: [String] = []
        var slot: UInt64 = 1
        for signature in signatures {
            guard let signature else {
                slot &+= 1
                continue
            }
            switch signature.kind {
            case .continuous:
                if let text = signature.text { features.append("\(slot):\(slotKey(slot)):\(text)") }
                slot &+= 1
            case .discrete:
                if let text = signature.text { features.append("\(slot):\(text)") }
                slot &+= 1
            case .binaryLabel, .multiclassLabel, .regressionLabel:
                label = signature.text ?? ""
            }
        }
        return label + " | " + features.joined(separator: " ")
    }

    /// The signed fingerprint of a slot number's eight little-endian bytes.
    private static func slotKey(_ slot: UInt64) -> Int64 {
        let bytes = (0..<8).map { UInt8(truncatingIfNeeded: slot >> (8 * UInt64($0))) }
        return Int64(bitPattern: FarmHash.fingerprint64(bytes))
    }
}
