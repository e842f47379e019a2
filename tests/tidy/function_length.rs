//! "Split functions longer than about 100 lines by what they check" (ARCHITECTURE.md): every
//! function and method of the core, the command-line tool and the app, measured from its
//! signature to its closing brace by parsing the source with `syn`. A `view!` body counts as
//! the lines it spans. The few that are longer say why, below.

use std::path::Path;

use syn::visit::Visit;

/// The longest a function may be, in lines.
const MAX_LINES: usize = 100;

/// Functions allowed to be longer, by file and name, each with its reason. A table that maps
/// every problem kind to its message is one `match` whose arms are the table's rows: splitting
/// it would scatter the rows and hide a missing one.
const ALLOWED: &[(&str, &str, &str)] = &[
    (
        "crates/pkm-core/src/bundle/problems.rs",
        "message_vi",
        "one match arm per problem kind: a table",
    ),
    (
        "crates/pkm-core/src/bundle/problems.rs",
        "message_en",
        "one match arm per problem kind: a table",
    ),
];

struct Lengths<'a> {
    file: &'a str,
    long: Vec<String>,
}

impl Lengths<'_> {
    fn measure(&mut self, name: &syn::Ident, start: proc_macro2::Span, end: proc_macro2::Span) {
        let lines = end.end().line.saturating_sub(start.start().line) + 1;
        let name = name.to_string();
        let allowed = ALLOWED
            .iter()
            .any(|(file, function, _)| *file == self.file && *function == name);
        if lines > MAX_LINES && !allowed {
            self.long.push(format!(
                "{}:{} {name}: {lines} lines",
                self.file,
                start.start().line
            ));
        }
    }
}

impl<'ast> Visit<'ast> for Lengths<'_> {
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        let start = item.sig.fn_token.span;
        self.measure(&item.sig.ident, start, item.block.brace_token.span.close());
        syn::visit::visit_item_fn(self, item);
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        let start = item.sig.fn_token.span;
        self.measure(&item.sig.ident, start, item.block.brace_token.span.close());
        syn::visit::visit_impl_item_fn(self, item);
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        if let Some(block) = &item.default {
            let start = item.sig.fn_token.span;
            self.measure(&item.sig.ident, start, block.brace_token.span.close());
        }
        syn::visit::visit_trait_item_fn(self, item);
    }
}

/// The functions longer than [`MAX_LINES`] in the Rust files under `folders`, tests and the
/// core's test-support fixtures excluded (a test, or a generated example, reads best as one
/// story).
pub fn long_functions(root: &Path, folders: &[&str]) -> Vec<String> {
    let mut long = Vec::new();
    for file in super::workspace_files(folders) {
        let relative = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .to_string_lossy()
            .replace('\\', "/");
        if relative.ends_with("/tests.rs")
            || relative.contains("/tests/")
            || relative.contains("/fixtures")
        {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let syntax = syn::parse_file(&text)
            .unwrap_or_else(|error| panic!("{relative} does not parse: {error}"));
        let mut lengths = Lengths {
            file: &relative,
            long: Vec::new(),
        };
        for item in &syntax.items {
            // `#[cfg(test)] mod tests { ... }` inline: skipped like test files.
            if let syn::Item::Mod(module) = item
                && module.ident == "tests"
            {
                continue;
            }
            lengths.visit_item(item);
        }
        long.extend(lengths.long);
    }
    long
}
