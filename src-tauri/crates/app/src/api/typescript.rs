//! `ui/src/lib/bindings.ts`, made from the command list: every type a command carries (found by
//! walking the requests and responses), the `Commands` map, the typed client and the mock
//! type. The tidy test fails when the committed file differs (`make bindings` rewrites it).

use std::any::TypeId;
use std::collections::BTreeMap;
use std::collections::HashSet;

use ts_rs::{Config, TS, TypeVisitor};

use super::{Nothing, app, commands, journal, practices, rituals, sync};
use crate::{ApiError, ApiErrorKind, dto};

/// Collects the declaration of every type reached, once, keyed by name (so the file's order is
/// stable).
struct Declarations<'a> {
    cfg: &'a Config,
    seen: HashSet<TypeId>,
    out: BTreeMap<String, String>,
}

impl TypeVisitor for Declarations<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        if T::output_path().is_some() {
            self.out.insert(T::ident(self.cfg), T::decl(self.cfg));
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// One command as the TypeScript sees it: name, request type, response type.
struct Signature {
    name: &'static str,
    request: String,
    response: String,
}

macro_rules! signatures {
    ($( $area:ident :: $name:ident ( $request:ty ) -> $response:ty ),* $(,)?) => {
        fn signatures(cfg: &Config, declarations: &mut Declarations<'_>) -> Vec<Signature> {
            vec![$({
                declarations.visit::<$request>();
                declarations.visit::<$response>();
                Signature {
                    name: stringify!($name),
                    request: <$request as TS>::name(cfg),
                    response: <$response as TS>::name(cfg),
                }
            }),*]
        }
    };
}
commands!(signatures);

/// `journal_set_up` → `journalSetUp`.
fn camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The whole of `ui/src/lib/bindings.ts`.
pub fn typescript_bindings() -> String {
    let cfg = Config::new();
    let mut declarations = Declarations {
        cfg: &cfg,
        seen: HashSet::new(),
        out: BTreeMap::new(),
    };
    // The error every command may answer with, and what the UI names practices and entries by.
    declarations.visit::<ApiErrorKind>();
    declarations.visit::<ApiError>();
    declarations.visit::<dto::Practice>();
    let signatures = signatures(&cfg, &mut declarations);
    let nothing = <Nothing as TS>::name(&cfg);

    let mut text = String::from(
        "// Generated from the command list in src-tauri/crates/app/src/api.rs and the types it \
         carries,\n// by `make bindings`. Do not edit.\n\n",
    );
    for declaration in declarations.out.values() {
        text.push_str("export ");
        text.push_str(declaration);
        text.push_str("\n\n");
    }
    text.push_str("/** Every command the UI can call: its request and its response. */\n");
    text.push_str("export type Commands = {\n");
    for signature in &signatures {
        text.push_str(&format!(
            "  {}: {{ request: {}; response: {} }};\n",
            signature.name, signature.request, signature.response
        ));
    }
    text.push_str("};\n\nexport type CommandName = keyof Commands;\n\n");
    text.push_str(
        "/** Sends one command and resolves to its response (or rejects with an ApiError). */\n\
         export type Caller = <K extends CommandName>(\n  name: K,\n  request: Commands[K]['request'],\n\
         ) => Promise<Commands[K]['response']>;\n\n\
         /** What a stand-in core answers for one command: its response, or an error. */\n\
         export type MockAnswer<K extends CommandName> =\n  | { ok: Commands[K]['response'] }\n  | { error: ApiError };\n\n\
         /** A stand-in core for the UI's tests: answers for the commands a test needs. */\n\
         export type MockCore = {\n  [K in CommandName]?: (\n    request: Commands[K]['request'],\n  \
         ) => MockAnswer<K> | Promise<MockAnswer<K>>;\n};\n\n\
         /** The typed client: one method per command, each taking its request. */\n\
         export function client(call: Caller) {\n  return {\n",
    );
    for signature in &signatures {
        let method = camel(signature.name);
        if signature.request == nothing {
            text.push_str(&format!(
                "    {method}: () => call('{}', {{}}),\n",
                signature.name
            ));
        } else {
            text.push_str(&format!(
                "    {method}: (request: {}) => call('{}', request),\n",
                signature.request, signature.name
            ));
        }
    }
    text.push_str("  };\n}\n");
    text
}

#[cfg(test)]
mod tests;
