"""URLs of the municipal funding pages that reach municipality A's money."""


def extend(world: dict) -> None:
    # The overview, the year pages and the new-entry forms show the visitor's own
    # municipality, so they are not listed: B's coordinator gets B's page there.
    world["owned_by_a"].update(
        {
            "funding:plan_line_edit",
            "funding:plan_line_delete",
            "funding:expense_detail",
            "funding:expense_edit",
            "funding:expense_submit",
            "funding:expense_delete",
            "funding:expense_receipt",
            "funding:expense_correct",
        }
    )
