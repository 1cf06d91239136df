"""Generate a synthetic, schema-valid Replybook library of any size, in every language.

Sizes follow the real content: each playbook has signals, steps, do/don't, three
templates on different channels and a small decision tree, about 900 words per
page and language. Text is drawn from a per-language vocabulary with a fixed seed,
so a run is repeatable.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

VOCABULARY = {
    "en": "customer complaint reply public answer brand thread delivery refund order apology team support "
          "message screenshot opinion leader troll facts policy service product quickly calmly private "
          "channel follow resolution manager schedule promise explain listen agree restart post comment".split(),
    "ru": "клиент жалоба ответ публичный бренд ветка доставка возврат заказ извинение команда поддержка "
          "сообщение скриншот лидер мнений тролль факты правило сервис товар быстро спокойно личный "
          "канал решение менеджер срок обещание объяснить выслушать согласиться пост комментарий".split(),
    "uk": "клієнт скарга відповідь публічний бренд гілка доставка повернення замовлення вибачення команда "
          "підтримка повідомлення скриншот лідер думок троль факти правило сервіс товар швидко спокійно "
          "особистий канал рішення менеджер строк обіцянка пояснити вислухати погодитися допис коментар".split(),
    "ro": "client plângere răspuns public brand fir livrare rambursare comandă scuză echipă suport mesaj "
          "captură lider opinie troll fapte regulă serviciu produs repede calm privat canal soluție manager "
          "termen promisiune explica asculta accepta postare comentariu".split(),
    "es": "cliente queja respuesta público marca hilo entrega reembolso pedido disculpa equipo soporte "
          "mensaje captura líder opinión trol hechos norma servicio producto rápido calma privado canal "
          "solución responsable plazo promesa explicar escuchar aceptar publicación comentario".split(),
}
LANGUAGES = tuple(VOCABULARY)


class Writer:
    """Deterministic synthetic sentences per language."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def sentence(self, language: str, words: int) -> str:
        chosen = [self.random.choice(VOCABULARY[language]) for _ in range(words)]
        return (" ".join(chosen)).capitalize() + "."

    def localized(self, words: int, indent: int, sentences: int = 1) -> str:
        pad = " " * indent
        lines = []
        for language in LANGUAGES:
            text = " ".join(self.sentence(language, words) for _ in range(sentences))
            lines.append(f'{pad}{language}: "{text}"')
        return "\n".join(lines)

    def template_text(self, indent: int, words: int) -> str:
        pad = " " * indent
        return "\n".join(
            f'{pad}{language}: "{{customer_name}}, {self.sentence(language, words)} — {{agent_name}}"'
            for language in LANGUAGES)


def playbook(index: int, principles: list[str], writer: Writer) -> str:
    pid = f"bench-playbook-{index:04d}"
    w = writer
    parts = [f"kind: playbook\nid: {pid}\norder: {index}\ntitle:\n{w.localized(5, 2)}\n"
             f"summary:\n{w.localized(14, 2, 2)}\nsignals:"]
    parts += [f"  -\n{w.localized(12, 4)}" for _ in range(4)]
    parts.append(f"severity: {['low', 'medium', 'high', 'critical'][index % 4]}\nfirst_response: {1 + index % 5}h\n"
                 f"resolution: {1 + index % 3}d\nowner:\n{w.localized(3, 2)}\nsteps:")
    parts += [f"  - id: step-{s}\n    text:\n{w.localized(16, 6, 2)}" for s in range(6)]
    parts.append("do:")
    parts += [f"  -\n{w.localized(10, 4)}" for _ in range(4)]
    parts.append("dont:")
    parts += [f"  -\n{w.localized(10, 4)}" for _ in range(4)]
    parts.append(f"principles: [{', '.join(writer.random.sample(principles, 3))}]\n"
                 f"sources: [000_74b1cc244e225202.txt]\ntemplates:")
    for number, (channel, words) in enumerate([("x-public-reply", 18), ("facebook-comment", 60),
                                               ("private-message", 35)]):
        parts.append(f"  - id: {pid}-t{number}\n    title:\n{w.localized(4, 6)}\n    channel: {channel}\n"
                     f"    placeholders: [customer_name, agent_name]\n    text:\n{w.template_text(6, words)}")
    parts.append(f"""tree:
  start: first
  nodes:
    first:
      question:
{w.localized(8, 8)}
      options:
        - label:
{w.localized(2, 12)}
          next: second
        - label:
{w.localized(2, 12)}
          outcome: {{template: {pid}-t0}}
    second:
      question:
{w.localized(8, 8)}
      options:
        - label:
{w.localized(2, 12)}
          outcome: {{playbook: {pid}, template: {pid}-t1}}
        - label:
{w.localized(2, 12)}
          outcome: {{template: {pid}-t2}}""")
    return "\n".join(parts) + "\n"


def principle(index: int, writer: Writer) -> str:
    w = writer
    practice = "\n".join(f"  -\n{w.localized(12, 4)}" for _ in range(3))
    return (f"kind: principle\nid: bench-principle-{index:02d}\norder: {index}\ntitle:\n{w.localized(4, 2)}\n"
            f"statement:\n{w.localized(14, 2)}\nwhy:\n{w.localized(16, 2, 2)}\npractice:\n{practice}\n"
            f"sources: [000_74b1cc244e225202.txt]\n")


def triage(playbooks: int, writer: Writer) -> str:
    w = writer
    return f"""kind: tree
id: triage
title:
{w.localized(4, 2)}
summary:
{w.localized(10, 2)}
sources: [000_74b1cc244e225202.txt]
start: first
nodes:
  first:
    question:
{w.localized(8, 6)}
    options:
      - label:
{w.localized(2, 10)}
        outcome: {{playbook: bench-playbook-0000, template: bench-playbook-0000-t0}}
      - label:
{w.localized(2, 10)}
        outcome: {{playbook: bench-playbook-{playbooks - 1:04d}}}
"""


def write_project(target: Path, repo: Path, playbooks: int, seed: int = 7) -> Path:
    """A project folder with the repo's config, docs and hooks and a synthetic library."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "hooks"):
        source = repo / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    library = target / "playbooks"
    (library / "scenarios").mkdir(parents=True)
    (library / "principles").mkdir()
    (library / "trees").mkdir()
    for name in ("sources.yaml", "placeholders.yaml"):
        shutil.copy(repo / "playbooks" / name, library / name)
    writer = Writer(seed)
    principles = [f"bench-principle-{i:02d}" for i in range(15)]
    for index in range(15):
        (library / "principles" / f"{principles[index]}.yaml").write_text(principle(index, writer), encoding="utf-8")
    for index in range(playbooks):
        (library / "scenarios" / f"bench-playbook-{index:04d}.yaml").write_text(
            playbook(index, principles, writer), encoding="utf-8")
    (library / "trees" / "triage.yaml").write_text(triage(playbooks, writer), encoding="utf-8")
    return target
