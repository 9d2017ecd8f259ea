"""A class on the students' own devices: the classroom (game.net.classroom), what devices are
shown (views) and may send (messages), the web server (server) and `serve` (serve). Imports no
pygame: the window uses it as the projector, `serve` without one."""
