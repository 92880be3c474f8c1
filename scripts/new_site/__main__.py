from scripts.cli import run_command

from .command import main

run_command(main, "new_site")
