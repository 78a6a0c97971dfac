/// The version of orgc: `orgc --version`, the language server's `serverInfo` and the
/// `exporterVersion` of BPMN files all print this one constant.
public enum OrgaVersion {
    public static let string = "0.1.0"
}
