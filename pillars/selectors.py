from .models import Pillar


def pillar_list():
    return Pillar.objects.order_by("order", "slug")
