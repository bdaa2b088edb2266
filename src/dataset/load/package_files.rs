//! A data package loaded: its tables, read through their schemas or mappings, and
//! the figures given per item.

use std::path::PathBuf;

use crate::dataset::{package, DataError, Dataset, InputFile, Problem};

use super::*;

type Files<'a> = dyn Fn(&str) -> Result<(String, Vec<u8>), DataError> + 'a;

/// Loads a package: `files` gives each file's name and bytes; `paths` its path on
/// disk, when it has one, so that a mapped table is read as it streams.
pub(super) fn load_package(
    files: &Files<'_>,
    paths: &dyn Fn(&str) -> Option<PathBuf>,
    opts: &LoadOptions,
    ds: &mut Dataset,
    problems: &mut Vec<Problem>,
    failed: &mut Vec<String>,
) -> Result<(), DataError> {
    let (dp_name, dp_bytes) = files("datapackage.json")?;
    ds.inputs.push(input_file(&dp_name, &dp_bytes));
    let desc = package::parse(&dp_name, &dp_bytes)?;
    ds.vocabulary = desc.vocabulary(&dp_name)?;
    ds.name = desc.name.clone();
    ds.title = desc.title.clone();
    ds.sources = desc.sources.clone();
    ds.views = desc.views.clone();
    ds.automatic = desc.automatic.clone();
    ds.titles = desc.titles.clone();
    ds.rules = desc.rules.clone();
    ds.hierarchies = desc.hierarchies.clone();
    if !desc
        .resources
        .iter()
        .any(|r| r.is_observations() || r.is_mapped())
    {
        return Err(DataError::Invalid(vec![Problem::new(
            &dp_name,
            "no observation resource: a resource whose schema has a 'value' field, or a table with a 'cleanweb:mapping'",
        )
        .field("resources")]));
    }
    for r in &desc.resources {
        if !r.is_observations() && !r.is_relations() && !r.is_mapped() {
            continue;
        }
        // A mapped table on disk is read as it streams, never held: a record list of
        // any length costs the memory of its groups.
        let on_disk = paths(&r.path).filter(|_| r.is_mapped());
        let (name, bytes, file) = match &on_disk {
            Some(path) => {
                let name = path.display().to_string();
                let file = InputFile {
                    sha256: sha256_file(path)?,
                    name: name.clone(),
                };
                (name, Vec::new(), file)
            }
            None => {
                let (name, bytes) = files(&r.path)?;
                let file = input_file(&name, &bytes);
                (name, bytes, file)
            }
        };
        if let (Some(declared), true) = (&r.hash, opts.hashes) {
            if *declared != file.sha256 {
                problems.push(Problem::new(
                    &name,
                    format!("has changed since its figures were cited: its SHA-256 is {}, and datapackage.json says {declared}; check the changes (cleanweb diff) and update the resource's \"hash\"", file.sha256),
                ));
            }
        }
        ds.inputs.push(file);
        if let Some(mapping) = &r.mapping {
            let content = match &on_disk {
                Some(path) => crate::dataset::mapped::Content::Path(path),
                None => crate::dataset::mapped::Content::Bytes(&bytes),
            };
            crate::dataset::mapped::read(
                &name,
                &r.name,
                content,
                mapping,
                &opts.table(),
                ds,
                problems,
            )?;
        } else if r.is_observations() {
            read_observations(&name, &bytes, opts, ds, problems, failed)?;
        } else {
            read_relations(&name, &bytes, opts, ds, problems)?;
        }
    }
    apply_per_item(&dp_name, &desc.per_item, ds, problems);
    let metrics: std::collections::BTreeSet<&str> =
        ds.observations.iter().map(|o| o.metric.as_str()).collect();
    let metrics: Vec<&str> = metrics.into_iter().collect();
    // A view that asks what the package lacks keeps its problems: `validate`
    // refuses the package for them, and the report draws the other views.
    let mut views = std::mem::take(&mut ds.views);
    crate::dataset::views::resolve(&dp_name, &mut views, &ds.dimensions, &metrics);
    ds.views = views;
    Ok(())
}

/// Sets the items each declared figure holds for; an id the package does not have
/// is a problem at its JSON path, with the nearest id.
pub(super) fn apply_per_item(
    file: &str,
    declared: &[crate::dataset::per_item::Declared],
    ds: &mut Dataset,
    problems: &mut Vec<Problem>,
) {
    if declared.is_empty() {
        return;
    }
    let index: std::collections::HashMap<String, usize> = ds
        .observations
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id.clone(), i))
        .collect();
    for (k, d) in declared.iter().enumerate() {
        match index.get(&d.id) {
            Some(&i) => ds.observations[i].per_item = Some(d.items),
            None if ds.observations.is_empty() => {}
            None => {
                let ids: Vec<&str> = index.keys().map(String::as_str).collect();
                let hint = crate::table::closest(&d.id, &ids)
                    .map(|c| format!(" (did you mean '{c}'?)"))
                    .unwrap_or_default();
                problems.push(
                    Problem::new(file, format!("no figure has the id '{}'{hint}", d.id))
                        .field(&format!("cleanweb:per_item[{k}].id")),
                );
            }
        }
    }
}
