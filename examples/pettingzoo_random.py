"""Random agents in the PettingZoo env, sampling only legal actions (the masks in `infos`).

Needs the [rl] extra: pip install -e ".[rl]" (pettingzoo and gymnasium).

    python examples/pettingzoo_random.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from game import api  # noqa: E402
from game.env import parallel_env  # noqa: E402


def main() -> int:
    try:
        env = parallel_env()  # the default scenario; every delegation is an agent
    except ImportError as err:  # the [rl] extra is not installed
        print(err, file=sys.stderr)
        return 1
    for a in env.possible_agents:
        env.action_space(a).seed(1)  # sampled actions repeat too
    for episode, seed in enumerate((7, 8)):
        observations, infos = env.reset(seed=seed)
        totals = dict.fromkeys(env.agents, 0.0)
        held = 0
        while env.agents:
            actions = {
                a: env.action_space(a).sample(mask=infos[a]["action_mask"]) for a in env.agents
            }
            observations, rewards, terminations, truncations, infos = env.step(actions)
            for a, r in rewards.items():
                totals[a] += r
            held += sum(len(info["held"]) for info in infos.values())
        result = api.result(env.game)
        print(f"episode {episode} (seed {seed}): {result.outcome.title}")
        for a, total in totals.items():
            print(f"    {a}: reward {total:+.1f}, final own score {infos[a]['score']}")
        print(f"    {held} sampled pushes or opposes went beyond the capital and were held")
    names = env.observation_names("japan")
    print(f"an observation has {len(names)} numbers: {', '.join(names[:5])}, ...")
    env.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
