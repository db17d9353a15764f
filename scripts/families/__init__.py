"""One module per model family (scripts/families/<name>.py): the family's contract in plain torch, its export recipe
and its parity fixtures. scripts/export_model.py offers each module's FAMILY as a subcommand and
scripts/fixtures/make_family_fixtures.py builds each module's fixtures. A module defines:

  FAMILY = "lpips"                      # the export subcommand
  HELP = "one line for --help"
  def add_arguments(parser): ...        # its own options (the common ones --id, --out, --format, ... are there)
  def export(torch, args): ...          # export from the packages/weights the user has; exit 2 naming what is missing
  def fixtures(torch, out_dir): ...     # small random-weight models + the Python pipeline's expected scores
"""
MODULES = [
    "lpips",
    "dists",
    "musiq",
    "liqe",
    "clipiqa",
    "arniqa",
]
