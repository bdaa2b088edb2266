"""Expected figures of tests/test_real_tables.rs, computed from the fixtures with the
csv module only (no cleanweb code). Run: python3 expected.py; it prints one JSON object."""
import csv, json, os

HERE = os.path.dirname(os.path.abspath(__file__))


def rows(*path):
    with open(os.path.join(HERE, *path), encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def num(cell):
    return int(cell.replace(",", ""))


out = {}
new = rows("google-removals", "removals-2022H1-2025ed.csv")
old = rows("google-removals", "removals-2022H1-2023ed.csv")
out["new_rows"] = len(new)
out["new_requests_total"] = sum(num(r["Number of Requests"]) for r in new)
items = {}
for r in new:
    items[r["Requestor"]] = items.get(r["Requestor"], 0) + num(r["Items Requested To Be Removed"])
out["new_items_by_requestor"] = items
countries = {}
for r in new:
    countries[r["Country/Region"]] = countries.get(r["Country/Region"], 0) + num(r["Number of Requests"])
out["new_countries"] = len(countries)
out["new_top_country"] = max(countries.items(), key=lambda kv: kv[1])
key_old = {(r["Country/Region"], r["Requester"]): r for r in old}
key_new = {(r["Country/Region"], r["Requestor"]): r for r in new}
both = set(key_old) & set(key_new)
out["diff_requests_revised_down"] = sum(
    num(key_new[k]["Number of Requests"]) < num(key_old[k]["Number of Requests"]) for k in both
)
out["diff_requests_revised_up"] = sum(
    num(key_new[k]["Number of Requests"]) > num(key_old[k]["Number of Requests"]) for k in both
)
out["diff_keys_added"] = len(set(key_new) - set(key_old))
out["diff_keys_removed"] = len(set(key_old) - set(key_new))
# Under a mapping that reads the old edition's `Turkey` as `Türkiye`.
spelled = {(r["Country/Region"].replace("Turkey", "Türkiye"), r["Requester"]): r for r in old}
both = set(spelled) & set(key_new)
revised = [k for k in both if num(key_new[k]["Number of Requests"]) != num(spelled[k]["Number of Requests"])]
out["renamed_requests_revised_down"] = sum(
    num(key_new[k]["Number of Requests"]) < num(spelled[k]["Number of Requests"]) for k in revised
)
out["renamed_requests_revised_police"] = sum(k[1] == "Police" for k in revised)
out["renamed_turkiye_revised"] = sum(k[0] == "Türkiye" for k in revised)
out["renamed_keys_added"] = len(set(key_new) - set(spelled))
out["renamed_keys_removed"] = len(set(spelled) - set(key_new))
out["turkey_keys"] = sum(k[0] == "Turkey" for k in key_old)
out["old_requests_total"] = sum(num(r["Number of Requests"]) for r in old)
out["old_items_total"] = sum(num(r["Items Requested To Be Removed"]) for r in old)
out["new_items_total"] = sum(num(r["Items Requested To Be Removed"]) for r in new)

hist = rows("google-removals", "historical-2009H2-2010H1.csv")
by_period = {}
for r in hist:
    p = {"2009-12-31": "2009-H2", "2010-06-30": "2010-H1"}[r["Period Ending"]]
    cell = r["All Requests: Number of Requests"]
    low, high, n, unknown = by_period.get(p, (0, 0, 0, []))
    if cell == "?":
        unknown = unknown + [r["Country/Region"]]
    elif cell.startswith("<"):
        low, high, n = low, high + num(cell[1:]) - 1, n + 1
    else:
        low, high, n = low + num(cell), high + num(cell), n + 1
    by_period[p] = (low, high, n, unknown)
out["hist_requests_by_period"] = by_period

disc = rows("discord", "discord-2022-Q1.csv")
months = [r for r in disc if r["Month"] not in ("", "SUM")]
total = [r for r in disc if r["Month"] == "SUM"][0]
out["discord_media_months"] = [num(r["Media Reports"]) for r in months]
out["discord_media_sum"] = num(total["Media Reports"])
esc = "Grooming or Endangerment Escalations"
out["discord_escalations_months"] = [num(r[esc]) for r in months]
out["discord_escalations_sum"] = num(total[esc])

meta = rows("meta-long", "meta-2024q2-bullying.csv")
out["meta_figures"] = sum(r["value"] != "N/A" for r in meta)
fb = {
    r["period"]: num(r["value"])
    for r in meta
    if r["app"] == "Facebook" and r["metric"] == "Content Actioned" and r["value"] != "N/A"
}
out["meta_facebook_actioned_2018Q3"] = fb["2018Q3"]
out["meta_facebook_actioned_total"] = sum(fb.values())
by_app = {}
for r in meta:
    if r["metric"] == "Content Actioned" and r["value"] != "N/A":
        by_app[r["app"]] = by_app.get(r["app"], 0) + num(r["value"])
out["meta_actioned_by_app"] = by_app
out["meta_instagram_actioned_quarters"] = sum(
    r["app"] == "Instagram" and r["metric"] == "Content Actioned" and r["value"] != "N/A"
    for r in meta
)
print(json.dumps(out, sort_keys=True))
