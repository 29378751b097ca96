//! What every reference component's validator shares: reading a configuration's attributes in a
//! stable order and reporting the ones it does not know.

use flow_proto::common::v1::{AttributePath, Diagnostic};
use flow_proto::diagnostic::{AttributePathExt, DiagnosticExt};
use flow_proto::wkt::Struct;

/// The configuration's attribute names, sorted so that diagnostics come out in a stable order.
pub fn sorted_names(config: &Struct) -> Vec<&String> {
    let mut names: Vec<&String> = config.fields.keys().collect();
    names.sort();
    names
}

/// The ERROR diagnostic for an attribute the component does not read; `known` lists the ones it
/// does (empty: nothing to configure).
pub fn unknown(name: &str, known: &[&str]) -> Diagnostic {
    let detail = match known {
        [] => "this component has nothing to configure".to_owned(),
        [only] => format!("the only attribute is {only}"),
        many => format!("known attributes: {}", many.join(", ")),
    };
    Diagnostic::error(format!("unknown attribute {name:?}"))
        .with_detail(detail)
        .with_reason("UNKNOWN_ATTRIBUTE")
        .at(AttributePath::root().attr(name))
}
