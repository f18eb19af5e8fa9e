from core.attribution import REGISTER_ATTRIBUTION


def site(request):
    return {"register_attribution": REGISTER_ATTRIBUTION}
